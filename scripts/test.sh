#!/usr/bin/env bash
# The whole test suite: every Rust test, then the browser tests in headless Chromium.
# The database comes from KOPPEL_TEST_DATABASE_URL: unset means SQLite, postgres://... means PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
scripts/browser-test.sh
