#!/usr/bin/env bash
# Installs everything, applies migrations, seeds the catalogue and runs the API and the three
# workers in the foreground (Ctrl-C stops them all). Works on a fresh machine with no keys.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_pnpm
install_dependencies
ensure_services
load_env_file
cd "$ROOT"

log "applying migrations"
pnpm db:migrate
log "seeding the catalogue"
pnpm db:seed
if [ -n "${ADMIN_EMAIL:-}" ] && [ -n "${ADMIN_PASSWORD:-}" ]; then
  log "ensuring the admin account $ADMIN_EMAIL"
  pnpm admin:create
fi

pids=()
stop() {
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop INT TERM

for app in api worker-story worker-voice worker-email; do
  log "starting $app"
  # tsx relays SIGTERM/SIGINT to the app, so each process drains gracefully on Ctrl-C.
  (cd "$ROOT/apps/$app" && exec "$ROOT/node_modules/.bin/tsx" src/main.ts) &
  pids+=($!)
done
log "API on http://localhost:${PORT:-3000}/api/v1 (docs at /docs, queues at /admin/queues)"
wait
