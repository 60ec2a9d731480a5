# Shared helpers for the CI environment scripts (sourced, not run).
# Sets ROOT (repo root), WORK (.ci/work), DOCKER (the docker.io client) and timing helpers.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/.ci/work"
mkdir -p "$WORK"
export DOCKER_HOST=unix:///var/run/docker.sock
export DEBIAN_FRONTEND=noninteractive
# Debian's client (docker.io), not whatever else is first on PATH: its `docker build`
# runs BuildKit (DOCKER_BUILDKIT=1) without needing buildx.
# shellcheck disable=SC2034  # used by the scripts that source this file
DOCKER=/usr/bin/docker
REGISTRY=127.0.0.1:5000
INDEX_PORT=8765
# Podman's Docker-compatible API (podman.sh) and the loopback sshd (sshd.sh).
PODMAN_SOCK=/run/podman/podman.sock
SSHD_PORT=2222
# Wall-clock start, shared with the scripts up.sh runs, so all log lines count from it.
: "${ENV_T0:=$(date +%s)}"
export ENV_T0

# Any command that fails outside a condition names itself (functions included: -E).
set -E
trap 'die "command failed (status $?) at ${BASH_SOURCE[0]}:$LINENO: $BASH_COMMAND"' ERR

log() { printf '[env +%4ss] %s\n' "$(($(date +%s) - ENV_T0))" "$*" >&2; }
die() { printf '[env] ERROR: %s\n' "$*" >&2; exit 1; }

# step NAME: announce a step; step_done: report how long it took.
step() { STEP_NAME="$1"; STEP_T0=$SECONDS; log "── $1"; }
step_done() { log "   $STEP_NAME done in $((SECONDS - STEP_T0))s"; }

# wait_until SECONDS DESCRIPTION COMMAND...: poll twice a second until COMMAND succeeds.
wait_until() {
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.5
  done
  log "   $what is ready"
}

# pid_alive FILE: the process whose id FILE holds is running.
pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

registry_up() { curl -fs -o /dev/null "http://$REGISTRY/v2/"; }
index_up() { curl -fs -o /dev/null "http://127.0.0.1:$INDEX_PORT/simple/"; }

# in_registry NAME TAG: the local registry already holds NAME:TAG.
in_registry() {
  curl -fs -o /dev/null \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$1/manifests/$2"
}
