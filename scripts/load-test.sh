#!/usr/bin/env bash
# Load test: koppel (release build) serving the demo region, 50 connections with no think time
# for 30 seconds over a mix of the pages and API calls staff use all day, measured with wrk.
# Usage: scripts/load-test.sh [DATABASE_URL]   (default: a fresh SQLite file; a postgres:// URL
# must name an empty database). Optional: CONNECTIONS=50 DURATION=30s, IMPORT_ROWS=200000 (the same
# load while `koppel import` reads that many employers beside it). Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -q -p koppel
koppel=target/release/koppel
work=$(mktemp -d)
db="${1:-$work/load.db}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUST_LOG=warn "$koppel" --db "$db" serve --demo --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -sf "$base/health" >/dev/null && break; sleep 1; done

# Sign in as an employer adviser (the login form's CSRF token comes with a cookie).
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
  --data-urlencode "email=adviser1.spaarnewerkt@demo.koppel.nl" \
  --data-urlencode "password=koppel-demo-2025" "$base/login"
cookie=$(awk '$6 ~ /koppel/ && $6 !~ /csrf/ {printf "%s=%s; ", $6, $7}' "$jar")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/werkgevers")
[ "$code" = 200 ] || { echo "not signed in: /werkgevers gave $code"; exit 1; }
token=$("$koppel" --db "$db" token create --email adviser1.spaarnewerkt@demo.koppel.nl --label load | tail -1)
employers=$(curl -s -H "Authorization: Bearer $token" "$base/api/v1/employers?pageSize=20" |
  python3 -c 'import json,sys; print(" ".join(str(e["id"]) for e in json.load(sys.stdin)["items"]))')
vacancies=$(curl -s -H "Authorization: Bearer $token" "$base/api/v1/vacancies?pageSize=10" |
  python3 -c 'import json,sys; print(" ".join(str(e["id"]) for e in json.load(sys.stdin)["items"]))')

# The route mix: each path is one request in turn, the browser pages with the session cookie,
# the API calls with the token.
{
  echo 'paths = {'
  for p in / /werkgevers /vacatures "/kandidaten?q=de" /werkgevers?page=3 /api/v1/employers?page=2; do
    echo "  \"$p\","
  done
  for id in $employers; do echo "  \"/werkgevers/$id\","; done
  for id in $vacancies; do echo "  \"/vacatures/$id\", \"/api/v1/vacancies/$id\","; done
  echo '}'
  cat <<LUA
counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if string.sub(path, 1, 5) == "/api/" then
    return wrk.format("GET", path, { ["Authorization"] = "Bearer $token" })
  end
  return wrk.format("GET", path, { ["Cookie"] = "$cookie" })
end
errors = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx/3xx %d, socket errors %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in pairs({ 50, 90, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
LUA
} >"$work/mix.lua"
echo "== $(grep -c '"/' "$work/mix.lua") paths; database: ${1:-SQLite}"
if [ -n "${PER_PATH:-}" ]; then
  for p in / /werkgevers /vacatures "/kandidaten?q=de" "/werkgevers/${employers%% *}" "/vacatures/${vacancies%% *}"; do
    t=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base$p")
    echo "one request, idle server: $p ${t}s"
  done
fi
if [ -n "${IMPORT_ROWS:-}" ]; then
  # The same load while a bulk import of IMPORT_ROWS employers runs beside it.
  python3 - "$IMPORT_ROWS" >"$work/import.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("Extern id;Naam;Sector;Postcode")
for i in range(n):
    print(f"L{i};Loadtest bedrijf {i};handel;{1000 + i % 9000}{chr(65 + i // 9000 % 26)}{chr(65 + i // 234000 % 26)}")
PY
  "$koppel" --db "$db" import employers "$work/import.csv" >"$work/import.log" 2>&1 &
  importer=$!
  sleep 2
fi
wrk -t2 -c"${CONNECTIONS:-50}" -d"${DURATION:-30s}" --latency -s "$work/mix.lua" "$base"
if [ -n "${IMPORT_ROWS:-}" ]; then
  if kill -0 "$importer" 2>/dev/null; then
    echo "the import was still running when the load ended"
    kill "$importer" 2>/dev/null || true
  else
    echo "the import ended during the load"
  fi
  wait "$importer" 2>/dev/null || true
fi
