#!/usr/bin/env bash
# Lint, typecheck and every test against real PostgreSQL and Redis. Tests create their own
# database and Redis prefixes, so they never touch the development data.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_pnpm
if [ ! -d "$ROOT/node_modules" ]; then install_dependencies; fi
ensure_services
cd "$ROOT"
pnpm test
