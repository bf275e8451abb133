#!/usr/bin/env bash
# schemathesis against a real koppel: every operation of the OpenAPI document, every check, a fixed
# seed. koppel serves the demo region on a fresh database (SQLite, or a new PostgreSQL database when
# KOPPEL_TEST_DATABASE_URL is set); the calls are made as a demo user of each kind with a token.
# Exceptions are in tests/api/schemathesis.toml, each with its reason. Needs a built target/debug/koppel.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
venv="$root/target/schemathesis"
if [ ! -x "$venv/bin/schemathesis" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    rm -rf "$venv" && python3 -m venv "$venv"
  fi
  # Pinned, so a new release cannot change what CI checks.
  "$venv/bin/pip" install -q 'schemathesis==4.32.5' 'hypothesis==6.170.17'
fi
koppel="$root/target/debug/koppel"
db="$work/fuzz.db"
if [ -n "${KOPPEL_TEST_DATABASE_URL:-}" ]; then
  name="koppel_fuzz_$$"
  psql "$KOPPEL_TEST_DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  db="${KOPPEL_TEST_DATABASE_URL%/*}/$name"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$koppel" --db "$db" serve --demo --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if [ -n "${KOPPEL_TEST_DATABASE_URL:-}" ]; then
    psql "$KOPPEL_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >"$work/openapi.json"
status=0
# An adviser (employers, vacancies, events), a consultant (candidates, nominations) and a manager
# (figures, targets) together reach every operation. One worker: with two threads, Python 3.11's ast
# module can fail inside hypothesis ("AST constructor recursion depth mismatch", CPython gh-106905).
for user in adviser1.spaarnewerkt consultant1.ijmondwerkt manager1.werkcentrum; do
  token=$("$koppel" --db "$db" token create --email "$user@demo.koppel.nl" --label fuzz | tail -1)
  echo "== schemathesis as $user"
  (cd "$root/tests/api" && "$venv/bin/schemathesis" run "$work/openapi.json" \
    --url "http://127.0.0.1:$port/api/v1" -H "Authorization: Bearer $token" \
    --checks all --seed 20261201 --max-examples "${KOPPEL_FUZZ_EXAMPLES:-25}" --workers 1 \
    --no-color) || status=1
done
exit $status
