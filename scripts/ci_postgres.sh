#!/usr/bin/env bash
# A local PostgreSQL for the API's PostgreSQL tests (Debian, run as root).
#
# Installs postgresql with apt when it is missing, starts a cluster, creates the role
# `dossier` and the database `dossier_test` (idempotent: the password is reset on each
# run), and prints ONLY the SQLAlchemy URL on stdout; progress goes to stderr:
#
#   export DOSSIER_TEST_POSTGRES_URL="$(bash scripts/ci_postgres.sh)"
#   .venv/bin/python -m pytest -q tests/api/test_postgres.py
#
# DOSSIER_PG_PASSWORD sets the password (default: a new random one each run).
set -euo pipefail

log() { echo "ci_postgres: $*" >&2; }
die() { log "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it installs and starts PostgreSQL)"
command -v apt-get >/dev/null || die "apt-get not found: this script is for Debian/Ubuntu"

ROLE=dossier
DB=dossier_test
PASSWORD="${DOSSIER_PG_PASSWORD:-$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)}"
[[ "$PASSWORD" =~ ^[A-Za-z0-9_]+$ ]] || die "DOSSIER_PG_PASSWORD: use letters, digits and _ only"

if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing postgresql (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
fi

# The first cluster listed, or a new one for the newest installed version.
read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header 2>/dev/null | head -n 1) || true
if [ -z "${VERSION:-}" ]; then
    VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    CLUSTER=main
    log "creating cluster $VERSION/$CLUSTER"
    pg_createcluster "$VERSION" "$CLUSTER" >&2
    read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c')
fi
if [ "$STATUS" != "online" ]; then
    log "starting cluster $VERSION/$CLUSTER on port $PORT"
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || die "PostgreSQL did not accept connections on 127.0.0.1:$PORT"

psql_admin() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qAt "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" = "1" ]; then
    psql_admin -c "ALTER ROLE $ROLE WITH LOGIN PASSWORD '$PASSWORD'" >&2
else
    psql_admin -c "CREATE ROLE $ROLE WITH LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
# Prove the URL works over TCP with the password before handing it out.
PGPASSWORD="$PASSWORD" psql -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -qAt -c "SELECT 1" >/dev/null \
    || die "cannot log in as $ROLE over TCP (check pg_hba.conf for 127.0.0.1)"
log "ready: $ROLE@127.0.0.1:$PORT/$DB"
echo "$URL"
