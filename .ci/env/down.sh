#!/usr/bin/env bash
# Stops what up.sh started (for local use): sshd and its agent, the podman service, the index
# server, the registry and dockerd.
# Only processes whose ids up.sh recorded in .ci/work/*.pid; data in .ci/work is kept
# (rm -rf .ci/work for a clean slate).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# stop NAME COMM: end the process in $WORK/NAME.pid if it is still COMM, and wait for it.
stop() {
  local pid_file="$WORK/$1.pid" pid
  if ! pid_alive "$pid_file"; then log "$1: not running (or not started by up.sh)"; rm -f "$pid_file"; return; fi
  pid=$(cat "$pid_file")
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$2" ]; then
    log "$1: pid $pid is no longer $2, left alone"; rm -f "$pid_file"; return
  fi
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "$1: pid $pid still running after 30s"; return 1; fi
  rm -f "$pid_file"
  log "$1: stopped (pid $pid)"
}

stop sshd sshd
stop ssh-agent ssh-agent
stop podman podman
stop index python3
stop registry docker-registry
stop dockerd dockerd
