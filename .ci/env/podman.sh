#!/usr/bin/env bash
# Podman's Docker-compatible API for the e2e race on Podman (run by up.sh after the registry and
# images). Idempotent: the config files are rewritten, the service is started only when its
# socket does not answer. Needs Debian's `podman` package (up.sh installs it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v podman >/dev/null || die "podman is not installed (up.sh installs Debian's podman package)"

# A test-environment setting, not a product one: these machines refuse setrlimit in a
# container's init ("error setting rlimit type 7: operation not permitted"), so containers get
# no default ulimits; runc, not crun, is the runtime checked here. A drop-in leaves the
# packaged containers.conf alone.
mkdir -p /etc/containers/containers.conf.d /etc/containers/registries.conf.d
cat >/etc/containers/containers.conf.d/50-slim-py-test.conf <<'CONF'
# Written by slim-py's .ci/env/podman.sh (test environment).
[containers]
default_ulimits = []

[engine]
runtime = "runc"
CONF
# The loopback registry speaks plain http.
cat >/etc/containers/registries.conf.d/50-slim-py-test.conf <<CONF
# Written by slim-py's .ci/env/podman.sh (test environment).
[[registry]]
location = "$REGISTRY"
insecure = true
CONF

podman_up() { curl -fs -o /dev/null --unix-socket "$PODMAN_SOCK" http://podman/_ping; }

if podman_up; then log "   podman service already answering on $PODMAN_SOCK"; else
  mkdir -p "$(dirname "$PODMAN_SOCK")"
  rm -f "$PODMAN_SOCK"
  # -t 0: no idle timeout; the service lives until down.sh stops it.
  nohup podman system service -t 0 "unix://$PODMAN_SOCK" >"$WORK/podman.log" 2>&1 </dev/null &
  echo $! >"$WORK/podman.pid"
  wait_until 30 "podman service" podman_up ||
    { tail -20 "$WORK/podman.log" >&2; die "podman system service did not answer on $PODMAN_SOCK (log: $WORK/podman.log)"; }
fi
log "   $(podman --version), runtime $(podman info --format '{{.Host.OCIRuntime.Name}}')"

# One real container from the loopback registry proves the registry config and the ulimits fix.
tag=$(curl -fs "http://$REGISTRY/v2/debian/tags/list" | python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)["tags"])[0])') ||
  die "the registry at $REGISTRY has no debian image (images.sh pushes it)"
out=$(podman run --rm --network none "$REGISTRY/debian:$tag" echo podman-ok 2>&1) ||
  die "podman cannot run a container from $REGISTRY/debian:$tag: $out"
log "   podman ran $REGISTRY/debian:$tag"
