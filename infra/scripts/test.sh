#!/usr/bin/env bash
# Lint, typecheck and every test against real PostgreSQL and Redis. Tests create their own
# database and Redis prefixes, so they never touch the development data.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_pnpm
if [ ! -d "$ROOT/node_modules" ]; then install_dependencies; fi
ensure_services
cd "$ROOT"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
pnpm test 2>&1 | tee "$log"

# One closing line over every package's vitest summary ("Tests  N passed (N)", "N failed | …").
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  $0 ~ /:test:[ \t]+Tests[ \t]/ {
    for (i = 1; i < NF; i++) {
      if ($(i + 1) == "passed") passed += $i
      if ($(i + 1) == "failed") failed += $i
    }
  }
  END { printf "tests: %d passed, %d failed\n", passed, failed }'
