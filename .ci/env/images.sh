#!/usr/bin/env bash
# Builds the stand-in base images and pushes them to the loopback registry (Debian 13, trixie):
#   debian:13-slim (debootstrap minbase);
#   python:3.11-trixie, python:3.11-slim-trixie, python:3.13-trixie, python:3.13-slim-trixie
#     (the official layout: CPython compiled into /usr/local, shared libpython, rpath);
#   distroless/python3-debian13:nonroot (Debian's python3.13 at /usr/bin, no shell).
# Skips an image the registry already holds when its inputs (its Dockerfile, its base, the
# source tarball) have not changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
IMAGES="$ROOT/.ci/env/images"
STAMPS="$WORK/stamps"
mkdir -p "$STAMPS"
registry_up || die "registry not answering on $REGISTRY (run .ci/env/up.sh)"

DEBIAN_SUITE=trixie
DEBIAN_REF=$REGISTRY/debian:13-slim
POOL=http://deb.debian.org/debian/pool/main/p
# CPython sources: the upstream tarball that Debian's source package carries as its .orig
# (dists/{bookworm,trixie}/main/source/Sources.xz name the file and its sha256).
# VERSION  SOURCE  SHA256
CPYTHONS=(
  "3.11.2 $POOL/python3.11/python3.11_3.11.2.orig.tar.gz 2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849"
  "3.13.5 $POOL/python3.13/python3.13_3.13.5.orig.tar.xz 93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640"
)
# Up to 3.11 the official images add setuptools (and wheel) to what ensurepip installs; this
# machine's pip mirror has no wheel<0.46, and setuptools >= 70.1 builds wheels by itself.
SEED_3_11="setuptools==80.9.0"

inputs_hash() { cat "$@" | sha256sum | cut -c1-16; }
stamp_file() { echo "$STAMPS/$(echo "$1" | tr '/:' '__')"; }

# fresh REF HASH: the registry holds REF, built from inputs with this HASH.
fresh() {
  local name=${1#"$REGISTRY"/}
  in_registry "${name%:*}" "${name##*:}" && [ "$(cat "$(stamp_file "$1")" 2>/dev/null)" = "$2" ]
}

make_debian() {
  local rootfs="$WORK/rootfs/$DEBIAN_SUITE"
  rm -rf "$rootfs"
  mkdir -p "$WORK/rootfs"
  log "   debootstrap --variant=minbase $DEBIAN_SUITE (log: $WORK/debootstrap.log)"
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$rootfs" http://deb.debian.org/debian \
    >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  bash "$IMAGES/debian-rootfs.sh" "$rootfs" "$DEBIAN_SUITE" || die "preparing the rootfs failed"
  tar --numeric-owner -C "$rootfs" -c . |
    $DOCKER import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - "$DEBIAN_REF" >/dev/null
  rm -rf "$rootfs"
  # apt must work inside: what the slim strategies rely on.
  $DOCKER run --rm --network host "$DEBIAN_REF" sh -c 'apt-get update -qq && apt-cache show libpq5 >/dev/null' ||
    die "apt does not work in $DEBIAN_REF"
}

# build DOCKERFILE TARGET REF CONTEXT [BUILD-ARG...]: docker build on top of debian:13-slim.
build() {
  local file=$1 target=$2 ref=$3 context=$4 log_file args=()
  shift 4
  for a in "$@"; do args+=(--build-arg "$a"); done
  log_file="$WORK/build-$(echo "${ref#"$REGISTRY"/}" | tr '/:' '__').log"
  log "   docker build $ref (log: $log_file)"
  DOCKER_BUILDKIT=1 $DOCKER build --progress plain --network host --build-arg BASE="$DEBIAN_REF" \
    "${args[@]}" --target "$target" -f "$IMAGES/$file" -t "$ref" "$context" >"$log_file" 2>&1 ||
    { tail -30 "$log_file" >&2; die "building $ref failed (log: $log_file)"; }
}

# The layout every official python image has, checked the way slim-py finds it: sys.executable
# resolved, sysconfig's LIBDIR/INSTSONAME, the rpath, pip only from 3.12 on.
LAYOUT_CHECK='
import os, ssl, sqlite3, venv, ctypes, zoneinfo, subprocess, sys, sysconfig
want = os.environ["WANT"]
assert "%d.%d" % sys.version_info[:2] == want, sys.version
assert os.path.realpath(sys.executable) == "/usr/local/bin/python" + want, sys.executable
lib = os.path.join(sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("INSTSONAME"))
assert lib == "/usr/local/lib/libpython%s.so.1.0" % want and os.path.isfile(lib), lib
assert sysconfig.get_paths()["stdlib"] == "/usr/local/lib/python" + want
zoneinfo.ZoneInfo("Europe/Paris"); ssl.create_default_context()
import importlib.util as u
assert u.find_spec("setuptools") is None or want == "3.11", "3.12+ ship pip only"
'

verify_full() {
  local want=$2
  $DOCKER run --rm --network host -e WANT="$want" "$1" sh -euc '
    python -c "$0"
    readelf -d "/usr/local/bin/python$WANT" | grep -q "R.*PATH.*\$ORIGIN/../lib"
    pip --version; gcc --version >/dev/null; pg_config --includedir >/dev/null; git --version >/dev/null
    test -f "/usr/local/include/python$WANT/Python.h"' "$LAYOUT_CHECK" ||
    die "$1 lacks the official layout, pip, gcc, libpq-dev, git or headers"
}

verify_slim() {
  local want=$2
  $DOCKER run --rm --network host -e WANT="$want" "$1" sh -euc '
    python -c "$0"; pip --version >/dev/null
    ! command -v gcc; ! ldconfig -p | grep -q "libpq.so.5"; ! ldconfig -p | grep -q libtk
    test -f "/usr/local/include/python$WANT/Python.h"
    test -f /etc/services; test -f /etc/protocols' "$LAYOUT_CHECK" ||
    die "$1 lacks the official layout, python/pip, netbase, or has gcc/libpq5/Tk"
  # What a slim runtime stage does: install a runtime library with apt.
  printf 'FROM %s\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n' "$1" |
    DOCKER_BUILDKIT=1 $DOCKER build --network host -q -t slimpy-env-apt-check - >/dev/null ||
    die "apt-get install libpq5 fails in $1"
  $DOCKER rmi slimpy-env-apt-check >/dev/null
}

verify_distroless() {
  $DOCKER run --rm --network none "$1" -c '
import os, ssl, sqlite3, zoneinfo, json, ctypes, ctypes.util, sys, venv
assert os.getuid() == 65532 and os.getcwd() == "/home/nonroot", (os.getuid(), os.getcwd())
assert sys.executable == "/usr/bin/python3.13", sys.executable
assert os.path.realpath("/usr/bin/python3") == "/usr/bin/python3.13"
ssl.create_default_context(); zoneinfo.ZoneInfo("Europe/Paris")
assert ctypes.util.find_library("ssl"), "no ld.so.cache"
bad = [p for p in ("/bin/sh", "/bin/bash", "/bin/dash", "/usr/bin/apt-get", "/usr/bin/dpkg")
       if os.path.lexists(p)]
assert not bad, bad
assert "nonroot:x:65532" in open("/etc/passwd").read()' || die "$1 fails the distroless checks"
  ! $DOCKER run --rm --entrypoint /bin/sh "$1" -c true 2>/dev/null || die "$1 has a shell"
}

# ensure REF HASH MAKE VERIFY [ARG...]: (re)make REF unless fresh, verify, push, stamp.
# MAKE and VERIFY get REF and the ARGs.
ensure() {
  local ref=$1 hash=$2 make=$3 verify=$4 t0=$SECONDS old
  shift 4
  if fresh "$ref" "$hash"; then log "   $ref: in registry, skipped"; return; fi
  old=$($DOCKER image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)
  "$make" "$ref" "$@"  # (not `|| die`: that would switch off set -e inside the function)
  # The image this one replaces would linger untagged; drop it unless a container uses it.
  if [ -n "$old" ] && [ "$old" != "$($DOCKER image inspect -f '{{.Id}}' "$ref")" ]; then
    $DOCKER rmi "$old" >/dev/null 2>&1 || true
  fi
  "$verify" "$ref" "$@" >/dev/null
  $DOCKER push "$ref" >"$WORK/push.log" 2>&1 || { tail -20 "$WORK/push.log" >&2; die "push $ref failed"; }
  echo "$hash" >"$(stamp_file "$ref")"
  log "   $ref: built, checked, pushed in $((SECONDS - t0))s ($($DOCKER image inspect -f '{{.Size}}' "$ref" | numfmt --to=si)B)"
}

# cpython_context SERIES: the build context, with the seed wheels that series gets (none from 3.12).
cpython_context() {
  local dir="$WORK/cpython-context/$1" seed_var="SEED_${1//./_}"
  rm -rf "$dir" && mkdir -p "$dir/seed"
  if [ -n "${!seed_var:-}" ]; then
    python3 -m pip download -q --retries 0 --no-deps --only-binary=:all: -d "$dir/seed" ${!seed_var} \
      >"$WORK/seed-download.log" 2>&1 ||
      { tail -20 "$WORK/seed-download.log" >&2; die "pip download ${!seed_var} from this machine's pip mirror failed"; }
  fi
  echo "$dir"
}

# make_cpython REF SERIES TARGET VERSION SOURCE SHA256
make_cpython() {
  build cpython.Dockerfile "$3" "$1" "$(cpython_context "$2")" \
    PYTHON_VERSION="$4" PYTHON_SOURCE="$5" PYTHON_SHA256="$6"
}
make_cpython_full() { make_cpython "$1" "$2" full "${@:3}"; }
make_cpython_slim() { make_cpython "$1" "$2" slim "${@:3}"; }
make_distroless() { build distroless.Dockerfile distroless "$1" "$IMAGES"; }
verify_debian() { :; }  # checked while making it (apt-get update inside)

debian_hash=$(echo "$DEBIAN_SUITE" | inputs_hash - "$IMAGES/debian-rootfs.sh")
ensure "$DEBIAN_REF" "$debian_hash" make_debian verify_debian
for spec in "${CPYTHONS[@]}"; do
  read -r version source sha <<<"$spec"
  series=${version%.*}
  seed_var="SEED_${series//./_}"
  hash=$(echo "$debian_hash $spec ${!seed_var:-}" | inputs_hash - "$IMAGES/cpython.Dockerfile")
  for variant in full slim; do
    tag=$series-trixie
    [ "$variant" = full ] || tag=$series-slim-trixie
    ensure "$REGISTRY/python:$tag" "$hash" "make_cpython_$variant" "verify_$variant" "$series" "$version" "$source" "$sha"
  done
done
ensure "$REGISTRY/distroless/python3-debian13:nonroot" \
  "$(echo "$debian_hash" | inputs_hash - "$IMAGES/distroless.Dockerfile" "$IMAGES/distroless-rootfs.py")" \
  make_distroless verify_distroless
