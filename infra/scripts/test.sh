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

# One closing line over every package's vitest summary ("Tests  N passed (N)" / "N failed").
plain="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\S*:?test:\s+Tests\s' || true)"
passed="$(printf '%s\n' "$plain" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')"
failed="$(printf '%s\n' "$plain" | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')"
echo "tests: ${passed} passed, ${failed} failed"
