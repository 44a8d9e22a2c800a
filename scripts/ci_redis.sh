#!/usr/bin/env bash
# A local Redis server for the cluster tests (Celery broker), as ci_postgres.sh is for
# PostgreSQL. Installs Debian's redis-server when missing, starts one on 127.0.0.1 (port
# DOSSIER_REDIS_PORT, default 6390, so it never meets a system Redis on 6379) with
# persistence off, and prints ONLY its URL on stdout; progress goes to stderr:
#
#   export DOSSIER_TEST_REDIS_URL="$(bash scripts/ci_redis.sh)"
#   .venv/bin/python -m pytest -q tests/dossier/jobs/test_cluster.py
set -euo pipefail

log() { echo "ci_redis: $*" >&2; }
die() { log "$*"; exit 1; }

PORT="${DOSSIER_REDIS_PORT:-6390}"
DIR="${TMPDIR:-/tmp}/dossier-redis-$PORT"

if ! command -v redis-server >/dev/null; then
    [ "$(id -u)" -eq 0 ] || die "redis-server is missing; install it (apt-get install redis-server) or run as root"
    log "installing redis-server (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends redis-server >&2
fi

if ! redis-cli -p "$PORT" ping >/dev/null 2>&1; then
    mkdir -p "$DIR"
    log "starting redis-server on 127.0.0.1:$PORT"
    redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --dir "$DIR" \
        --save "" --appendonly no --logfile "$DIR/redis.log" --pidfile "$DIR/redis.pid" >&2
fi
for _ in $(seq 1 50); do
    redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
done
redis-cli -p "$PORT" ping >/dev/null 2>&1 || die "Redis did not answer on 127.0.0.1:$PORT"
log "ready: 127.0.0.1:$PORT"
echo "redis://127.0.0.1:$PORT/0"
