#!/usr/bin/env bash
# Builds the stand-in base images and pushes them to the loopback registry:
#   debian:12-slim (debootstrap minbase), python:3.11, python:3.11-slim,
#   distroless/python3-debian12:latest. Skips an image the registry already holds
#   when its inputs (these scripts, its Dockerfile, its base) have not changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
IMAGES="$ROOT/.ci/env/images"
STAMPS="$WORK/stamps"
mkdir -p "$STAMPS"
registry_up || die "registry not answering on $REGISTRY (run .ci/env/up.sh)"

DEBIAN_REF=$REGISTRY/debian:12-slim

inputs_hash() { cat "$@" | sha256sum | cut -c1-16; }
stamp_file() { echo "$STAMPS/$(echo "$1" | tr '/:' '__')"; }

# fresh REF HASH: the registry holds REF, built from inputs with this HASH.
fresh() {
  local name=${1#"$REGISTRY"/}
  in_registry "${name%:*}" "${name##*:}" && [ "$(cat "$(stamp_file "$1")" 2>/dev/null)" = "$2" ]
}

make_debian() {
  local rootfs="$WORK/rootfs/bookworm"
  rm -rf "$rootfs"
  mkdir -p "$WORK/rootfs"
  log "   debootstrap --variant=minbase bookworm (log: $WORK/debootstrap.log)"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian \
    >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  bash "$IMAGES/debian-rootfs.sh" "$rootfs" || die "preparing the rootfs failed"
  tar --numeric-owner -C "$rootfs" -c . |
    $DOCKER import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - "$DEBIAN_REF" >/dev/null
  rm -rf "$rootfs"
  # apt must work inside: what the slim strategies rely on.
  $DOCKER run --rm --network host "$DEBIAN_REF" sh -c 'apt-get update -qq && apt-cache show libpq5 >/dev/null' ||
    die "apt does not work in $DEBIAN_REF"
}

# build_from DOCKERFILE REF: docker build on top of debian:12-slim from the registry.
build_from() {
  local log_file
  log_file="$WORK/build-$(basename "$1" .Dockerfile).log"
  log "   docker build $2 (log: $log_file)"
  DOCKER_BUILDKIT=1 $DOCKER build --progress plain --network host --pull --build-arg BASE="$DEBIAN_REF" \
    -f "$IMAGES/$1" -t "$2" "$IMAGES" >"$log_file" 2>&1 ||
    { tail -30 "$log_file" >&2; die "building $2 failed (log: $log_file)"; }
}

verify_full() {
  $DOCKER run --rm --network host "$1" sh -euc '
    python -c "import ssl, sqlite3, venv, ctypes; import sys; assert sys.version_info[:2] == (3, 11)"
    pip --version; gcc --version >/dev/null; pg_config --includedir >/dev/null
    test -f /usr/include/python3.11/Python.h; test ! -e /usr/lib/python3.11/EXTERNALLY-MANAGED' ||
    die "$1 lacks python, pip, gcc, libpq-dev or headers"
}

verify_slim() {
  $DOCKER run --rm --network host "$1" sh -euc '
    python -c "import ssl, sqlite3, venv"; pip --version >/dev/null
    ! command -v gcc; ! ls /usr/lib/x86_64-linux-gnu/libpq.so.5 2>/dev/null
    test ! -e /usr/lib/python3.11/EXTERNALLY-MANAGED' ||
    die "$1 lacks python/pip or has gcc/libpq5"
  # What a slim runtime stage does: install a runtime library with apt.
  printf 'FROM %s\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n' "$1" |
    DOCKER_BUILDKIT=1 $DOCKER build --network host -q -t slimpy-env-apt-check - >/dev/null ||
    die "apt-get install libpq5 fails in $1"
  $DOCKER rmi slimpy-env-apt-check >/dev/null
}

verify_distroless() {
  $DOCKER run --rm --network none --user 65532 "$1" -c '
import os, ssl, sqlite3, zoneinfo, json, ctypes, sys
assert sys.executable in ("/usr/bin/python3", "/usr/bin/python3.11"), sys.executable
ssl.create_default_context(); zoneinfo.ZoneInfo("Europe/Paris")
bad = [p for p in ("/bin/sh", "/bin/bash", "/bin/dash", "/usr/bin/apt-get", "/usr/bin/dpkg")
       if os.path.lexists(p)]
assert not bad, bad
assert "nonroot:x:65532" in open("/etc/passwd").read()' || die "$1 fails the distroless checks"
  ! $DOCKER run --rm --entrypoint /bin/sh "$1" -c true 2>/dev/null || die "$1 has a shell"
}

# ensure REF HASH MAKE VERIFY: (re)make REF unless fresh, verify, push, stamp.
ensure() {
  local ref=$1 hash=$2 t0=$SECONDS old
  if fresh "$ref" "$hash"; then log "   $ref: in registry, skipped"; return; fi
  old=$($DOCKER image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)
  "$3" "$ref"  # (not `|| die`: that would switch off set -e inside the function)
  # The image this one replaces would linger untagged; drop it unless a container uses it.
  if [ -n "$old" ] && [ "$old" != "$($DOCKER image inspect -f '{{.Id}}' "$ref")" ]; then
    $DOCKER rmi "$old" >/dev/null 2>&1 || true
  fi
  "$4" "$ref" >/dev/null
  $DOCKER push "$ref" >"$WORK/push.log" 2>&1 || { tail -20 "$WORK/push.log" >&2; die "push $ref failed"; }
  echo "$hash" >"$(stamp_file "$ref")"
  log "   $ref: built, checked, pushed in $((SECONDS - t0))s ($($DOCKER image inspect -f '{{.Size}}' "$ref" | numfmt --to=si)B)"
}

make_full() { build_from python-full.Dockerfile "$1"; }
make_slim() { build_from python-slim.Dockerfile "$1"; }
make_distroless() { build_from distroless.Dockerfile "$1"; }
verify_debian() { :; }  # checked while making it (apt-get update inside)

debian_hash=$(inputs_hash "$IMAGES/debian-rootfs.sh")
ensure "$DEBIAN_REF" "$debian_hash" make_debian verify_debian
ensure "$REGISTRY/python:3.11" "$(echo "$debian_hash" | inputs_hash - "$IMAGES/python-full.Dockerfile")" \
  make_full verify_full
ensure "$REGISTRY/python:3.11-slim" "$(echo "$debian_hash" | inputs_hash - "$IMAGES/python-slim.Dockerfile")" \
  make_slim verify_slim
ensure "$REGISTRY/distroless/python3-debian12:latest" \
  "$(echo "$debian_hash" | inputs_hash - "$IMAGES/distroless.Dockerfile" "$IMAGES/distroless-rootfs.py")" \
  make_distroless verify_distroless
