#!/usr/bin/env bash
# The whole test suite: every Rust test, schemathesis against the API, then the browser tests in
# headless Chromium.
# The database comes from KOPPEL_TEST_DATABASE_URL: unset means SQLite, postgres://... means PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
# The e-mail tests send to a real SMTP server (aiosmtpd).
if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
fi
cargo test --workspace
# The API against its own OpenAPI document (schemathesis), on the same database kind.
scripts/api-fuzz.sh
scripts/browser-test.sh
