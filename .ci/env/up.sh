#!/usr/bin/env bash
# Brings up the test environment for CI and the e2e tests, idempotently:
# Debian packages, a Docker engine, a loopback registry with stand-in base images,
# a PEP 503 index with the fixture packages, Podman's API service, a loopback sshd,
# and .ci/work/env.sh to source.
# Run as root on Debian 12 or 13; re-running skips what already exists.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
[ "$(id -u)" = 0 ] || die "run as root (it installs Debian packages and starts dockerd)"

PACKAGES=(docker.io debootstrap docker-registry curl ca-certificates python3 podman openssh-server)

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == *'install ok installed'* ]] || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "   packages already installed"; return; fi
  log "   installing: ${missing[*]}"
  # Keep maintainer scripts from starting docker/registry services with their default
  # configs (public :5000 with auth, iptables): we start both ourselves below.
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard" && chmod +x "$guard"
  fi
  local rc=0
  { apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
  } >"$WORK/apt.log" 2>&1 </dev/null || rc=$?
  [ -z "$guard" ] || rm -f "$guard"
  [ $rc -eq 0 ] || { tail -20 "$WORK/apt.log" >&2; die "apt-get failed (full log: $WORK/apt.log)"; }
}

start_dockerd() {
  if $DOCKER info >/dev/null 2>&1; then log "   engine already running"; else
    # No iptables/bridge here: containers use --network host or none.
    nohup dockerd --iptables=false --ip6tables=false --bridge=none \
      >"$WORK/dockerd.log" 2>&1 </dev/null &
    echo $! >"$WORK/dockerd.pid"
    wait_until 60 dockerd $DOCKER info ||
      { tail -20 "$WORK/dockerd.log" >&2; die "dockerd did not come up (log: $WORK/dockerd.log)"; }
  fi
  log "   storage driver: $($DOCKER info --format '{{.Driver}}')"
}

start_registry() {
  if registry_up; then log "   registry already answering on $REGISTRY"; return; fi
  mkdir -p "$WORK/registry/data"
  cat >"$WORK/registry/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $WORK/registry/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
YML
  nohup docker-registry serve "$WORK/registry/config.yml" \
    >"$WORK/registry.log" 2>&1 </dev/null &
  echo $! >"$WORK/registry.pid"
  wait_until 30 registry registry_up ||
    { tail -20 "$WORK/registry.log" >&2; die "registry did not answer on $REGISTRY (log: $WORK/registry.log; is another process using the port?)"; }
}

write_env() {
  cat >"$WORK/env.sh" <<SH
# Written by .ci/env/up.sh: the addresses of the local test environment.
export DOCKER_HOST=unix:///var/run/docker.sock
export SLIMPY_TEST_REGISTRY=$REGISTRY
export SLIMPY_TEST_INDEX=http://127.0.0.1:$INDEX_PORT/simple/
export SLIMPY_TEST_IMAGES="full=$REGISTRY/python:{python}-trixie slim=$REGISTRY/python:{python}-slim-trixie distroless=$REGISTRY/distroless/python3-debian13:nonroot debian=$REGISTRY/debian:13-slim"
export SLIMPY_TEST_PODMAN_HOST=unix://$PODMAN_SOCK
export SLIMPY_TEST_SSH_HOST=ssh://root@127.0.0.1:$SSHD_PORT
export SSH_AUTH_SOCK=$WORK/sshd/agent.sock
export SLIMPY_E2E=1
SH
}

step "1/8 Debian packages";    install_packages; step_done
step "2/8 Docker engine";      start_dockerd;    step_done
step "3/8 registry";           start_registry;   step_done
step "4/8 base images";        bash "$ROOT/.ci/env/images.sh"; step_done
step "5/8 package index";      bash "$ROOT/.ci/env/index.sh";  step_done
step "6/8 podman";             bash "$ROOT/.ci/env/podman.sh"; step_done
step "7/8 sshd";               bash "$ROOT/.ci/env/sshd.sh";   step_done
step "8/8 env.sh";             write_env;        step_done
log "environment ready in $(($(date +%s) - ENV_T0))s — source .ci/work/env.sh"
