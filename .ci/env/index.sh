#!/usr/bin/env bash
# Fills and serves the local PEP 503 index at http://127.0.0.1:8765/simple/:
# the fixture packages (built in the full image) and real cp311 wheels from this
# machine's pip mirror. Skips what is already there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INDEX="$WORK/index"
FILES="$INDEX/files"
FIXTURES="$ROOT/test/fixtures/packages"
FULL_REF=$REGISTRY/python:3.11-trixie
STAMPS="$WORK/stamps"
INDEX_URL=http://127.0.0.1:$INDEX_PORT/simple/
mkdir -p "$FILES" "$STAMPS"

# Real wheels for the e2e projects; setuptools/wheel serve pip's isolated sdist builds.
WHEELS=(pip setuptools wheel flask gunicorn numpy pandas psycopg2-binary cryptography aiohttp django fastapi uvicorn)

build_fixtures() {
  local hash
  hash=$(cd "$FIXTURES" && find . -type f -not -path '*/__pycache__/*' | sort | xargs sha256sum | sha256sum | cut -c1-16)
  if [ "$(cat "$STAMPS/fixtures" 2>/dev/null)" = "$hash" ]; then log "   fixture packages up to date"; return; fi
  log "   building fixture sdists (and puregreet's wheel) in $FULL_REF"
  rm -f "$FILES"/{cfastsum,pqversion,puregreet}-*
  # Built inside the full image: its setuptools/wheel need no network.
  $DOCKER run --rm --network none -v "$FIXTURES:/src:ro" -v "$FILES:/out" "$FULL_REF" sh -euc '
    for p in cfastsum pqversion puregreet; do
      cp -r "/src/$p" "/tmp/$p" && cd "/tmp/$p"
      if [ -f setup.py ]; then python3 setup.py -q sdist -d /out
      else python3 -c "import setuptools; setuptools.setup()" -q sdist -d /out; fi
    done
    cd /tmp/puregreet && pip wheel -q --no-deps --no-build-isolation -w /out .' >"$WORK/fixtures.log" 2>&1 ||
    { tail -30 "$WORK/fixtures.log" >&2; die "building the fixture packages failed (log: $WORK/fixtures.log)"; }
  echo "$hash" >"$STAMPS/fixtures.pending"
}

download_wheels() {
  local list="${WHEELS[*]}" platforms=() v p missing=()
  if [ "$(cat "$STAMPS/wheels" 2>/dev/null)" = "$list" ]; then log "   wheels already downloaded"; return; fi
  # Debian 12 has glibc 2.36: any manylinux tag up to 2_36 runs there.
  for v in $(seq 5 36); do platforms+=(--platform "manylinux_2_${v}_x86_64"); done
  platforms+=(--platform manylinux2014_x86_64 --platform manylinux2010_x86_64 --platform manylinux1_x86_64)
  # This machine's pip mirror (pip config's extra-index-url) is the index: no slow retries
  # against the unreachable pypi.org.
  local mirrors=() m
  for m in $(python3 -m pip config get global.extra-index-url 2>/dev/null || true); do
    [ ${#mirrors[@]} -eq 0 ] && mirrors+=(--index-url "$m") || mirrors+=(--extra-index-url "$m")
  done
  log "   pip download (${mirrors[*]:-pip defaults}): $list"
  for p in "${WHEELS[@]}"; do
    python3 -m pip download -q --retries 0 "${mirrors[@]}" --only-binary=:all: --python-version 3.11 \
      --implementation cp --abi cp311 --abi abi3 --abi none "${platforms[@]}" -d "$FILES" "$p" \
      >>"$WORK/pip-download.log" 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    # Not fatal: the e2e projects that need them fail with a clear pip error; retried next run.
    log "   WARNING: no wheels for: ${missing[*]} (see $WORK/pip-download.log)"
  else
    echo "$list" >"$STAMPS/wheels"
  fi
}

serve() {
  if index_up; then log "   index already answering on $INDEX_URL"; return; fi
  nohup python3 -m http.server --bind 127.0.0.1 "$INDEX_PORT" --directory "$INDEX" \
    >"$WORK/index.log" 2>&1 </dev/null &
  echo $! >"$WORK/index.pid"
  wait_until 15 "index server" index_up || die "the index server did not answer on port $INDEX_PORT (log: $WORK/index.log; is another process using the port?)"
}

# pip ignoring this machine's mirror config, so only our index can answer.
own_pip() { env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null python3 -m pip "$@"; }

verify() {
  local tmp
  tmp=$(mktemp -d)
  own_pip download -q --no-deps --only-binary=:all: --index-url "$INDEX_URL" -d "$tmp" flask ||
    die "pip cannot download flask from $INDEX_URL"
  # Output captured first: with pipefail, `pip … | grep -q` fails whenever grep exits before pip
  # has written its last line (pip dies of SIGPIPE), which made this check flaky.
  local seen
  seen=$(own_pip index versions --index-url "$INDEX_URL" cfastsum 2>/dev/null || true)
  grep -q '^cfastsum (0.1.0)' <<<"$seen" ||
    die "pip index versions does not see cfastsum on $INDEX_URL"
  rm -rf "$tmp"
  if [ -f "$STAMPS/fixtures.pending" ]; then
    # The real test: the sdists compile offline in the full image, build isolation included.
    log "   checking: pip install cfastsum pqversion puregreet in $FULL_REF from the index"
    $DOCKER run --rm --network host "$FULL_REF" sh -euc "
      pip install -q --no-cache-dir --index-url $INDEX_URL cfastsum pqversion puregreet
      python -c 'import cfastsum, pqversion; assert cfastsum.sum_ints([1, 2, 3]) == 6; print(\"libpq\", pqversion.libpq_version())'
      puregreet CI" >"$WORK/fixtures-check.log" 2>&1 ||
      { tail -30 "$WORK/fixtures-check.log" >&2; die "fixture packages do not install from the index (log: $WORK/fixtures-check.log)"; }
    mv "$STAMPS/fixtures.pending" "$STAMPS/fixtures"
  fi
}

build_fixtures
download_wheels
log "   $(python3 "$ROOT/.ci/env/make-index.py" "$INDEX")"
serve
verify
