#!/usr/bin/env bash
# Shared steps of up.sh, test.sh and .ci/run: everything a fresh machine needs, idempotent.
set -euo pipefail

PNPM_VERSION="12.4.2"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

log() { printf '\033[1;34m[storytime]\033[0m %s\n' "$*"; }

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

install_dependencies() {
  log "installing dependencies from the lock file"
  (cd "$ROOT" && CI=true pnpm install --frozen-lockfile)
}

ensure_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then return; fi
  log "starting PostgreSQL"
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$version" ]; then
    echo "PostgreSQL is not installed and not reachable on 127.0.0.1:5432" >&2
    exit 1
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && return; sleep 1; done
  echo "PostgreSQL did not come up" >&2
  exit 1
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return; sleep 1; done
  echo "Redis did not come up" >&2
  exit 1
}

ensure_services() {
  ensure_postgres
  ensure_redis
}

load_env_file() {
  if [ ! -f "$ROOT/.env" ]; then
    log "creating .env from .env.example"
    cp "$ROOT/.env.example" "$ROOT/.env"
  fi
  set -a
  # shellcheck disable=SC1091
  . "$ROOT/.env"
  set +a
  # Every process runs in its own package folder: relative data paths would give each its own copy
  # (the voice worker's audio invisible to the API that serves /media). Anchor them at the root.
  local var value
  for var in MEDIA_LOCAL_DIR EMAIL_OUTBOX_DIR PUSH_OUTBOX_DIR MEDIA_TMP_DIR; do
    value="${!var:-}"
    if [ -n "$value" ] && [ "${value#/}" = "$value" ]; then
      export "$var=$ROOT/${value#./}"
    fi
  done
}
