#!/usr/bin/env bash
# Browser tests: koppel with the demo region, driven in headless Chromium (Debian's package) with
# playwright-core. Uses a fresh SQLite file, or a fresh PostgreSQL database when
# KOPPEL_TEST_DATABASE_URL points at a server.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "browser tests need Chromium: apt-get install chromium" >&2
    exit 1
  fi
fi
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
  (cd tests/browser && npm install --no-save --no-package-lock --silent playwright-core@1 axe-core@4)
fi
# The features `cargo test --workspace` builds with, so the binary it built is reused.
cargo build -q -p koppel --features koppel-app/test-support
work="$(mktemp -d)"
cleanup() { rm -rf "$work"; }
db="$work/demo.db"
if [[ "${KOPPEL_TEST_DATABASE_URL:-}" == postgres* ]]; then
  name="koppel_browser_$RANDOM$RANDOM"
  psql -q "$KOPPEL_TEST_DATABASE_URL" -c "CREATE DATABASE $name"
  db="${KOPPEL_TEST_DATABASE_URL%/*}/$name"
  cleanup() { psql -q "$KOPPEL_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" || true; rm -rf "$work"; }
fi
trap cleanup EXIT
KOPPEL_BIN="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/koppel" KOPPEL_BROWSER_DB="$db" KOPPEL_SCREENSHOTS="$(pwd)/target/browser" \
  node --test --test-concurrency=1 tests/browser/
