#!/usr/bin/env bash
# Prints the latest message of the local email outbox (offline mode), from the same folder the
# workers write to (the .env paths, anchored at the repository root).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env_file >/dev/null
export EMAIL_OUTBOX_DIR="${EMAIL_OUTBOX_DIR:-$ROOT/.data/outbox}"
cd "$ROOT/apps/worker-email"
exec "$ROOT/node_modules/.bin/tsx" src/scripts/outbox-last.ts "$@"
