# Stand-ins for the official python:X.Y-trixie ("full") and python:X.Y-slim-trixie images, with
# their layout: CPython compiled from the upstream tarball into /usr/local, --enable-shared,
# libpython found through an rpath of $ORIGIN/../lib (docker-library/python's Dockerfile-linux
# template). Compiled ONCE, in the `full` stage; `slim` is derived from that build.
# Skipped for time: PGO (--enable-optimizations) and LTO. The tarball is Debian's `*.orig.tar.*`,
# which is the upstream release file (its sha256 is checked).
ARG BASE

# ---- full: the official full image is buildpack-deps (compilers, VCS, common -dev libraries)
# plus Tk, Bluetooth and uuid headers, with CPython compiled in place.
FROM ${BASE} AS full
ENV PATH=/usr/local/bin:$PATH
ENV LANG=C.UTF-8
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
      ca-certificates curl gnupg netbase tzdata wget git openssh-client procps \
      autoconf automake bzip2 dpkg-dev file g++ gcc make patch unzip xz-utils libtool \
      build-essential pkg-config \
      default-libmysqlclient-dev libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev \
      libffi-dev libgdbm-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libncurses-dev \
      libncursesw5-dev libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libwebp-dev \
      libxml2-dev libxslt1-dev libyaml-dev zlib1g-dev \
      libbluetooth-dev tk-dev uuid-dev; \
    rm -rf /var/lib/apt/lists/*

ARG PYTHON_VERSION
ARG PYTHON_SOURCE
ARG PYTHON_SHA256
# `setuptools` only for 3.11 (the official images add it, and wheel, on top of ensurepip up to 3.11):
# a wheel from this machine's pip mirror, put in the build context by images.sh.
COPY seed/ /usr/src/seed/
RUN set -eux; \
    curl -fsSL -o python.tar "$PYTHON_SOURCE"; \
    echo "$PYTHON_SHA256 *python.tar" | sha256sum -c -; \
    mkdir -p /usr/src/python; \
    tar --extract --directory /usr/src/python --strip-components=1 --file python.tar; \
    rm python.tar; \
    cd /usr/src/python; \
    gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"; \
    ./configure \
      --build="$gnuArch" \
      --enable-loadable-sqlite-extensions \
      --enable-option-checking=fatal \
      --enable-shared \
      --with-ensurepip; \
    EXTRA_CFLAGS="$(dpkg-buildflags --get CFLAGS)"; \
    LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"; \
    make -j "$(nproc)" "EXTRA_CFLAGS=$EXTRA_CFLAGS" "LDFLAGS=$LDFLAGS"; \
    # As upstream: relink python with the rpath, so it never picks a system libpython.
    rm python; \
    make -j "$(nproc)" "EXTRA_CFLAGS=$EXTRA_CFLAGS" "LDFLAGS=$LDFLAGS -Wl,-rpath='\$\$ORIGIN/../lib'" python; \
    make install; \
    cd /; \
    rm -rf /usr/src/python; \
    find /usr/local -depth \
      \( \
        \( -type d -a \( -name test -o -name tests -o -name idle_test \) \) \
        -o \( -type f -a \( -name '*.pyc' -o -name '*.pyo' -o -name 'libpython*.a' \) \) \
      \) -exec rm -rf '{}' +; \
    ldconfig; \
    if ls /usr/src/seed/*.whl >/dev/null 2>&1; then \
      pip3 install --disable-pip-version-check --no-cache-dir --no-compile --no-index /usr/src/seed/*.whl; \
    fi; \
    rm -rf /usr/src/seed; \
    for src in idle3 pip3 pydoc3 python3 python3-config; do \
      dst="$(echo "$src" | tr -d 3)"; \
      [ -s "/usr/local/bin/$src" ]; \
      [ ! -e "/usr/local/bin/$dst" ]; \
      ln -svT "$src" "/usr/local/bin/$dst"; \
    done; \
    export PYTHONDONTWRITEBYTECODE=1; \
    python3 --version; \
    pip3 --version
CMD ["python3"]

# ---- what slim keeps of that build: stripped ELF files (the official slim links with
# -Wl,--strip-all), and the Debian packages that own the libraries they link, found as the
# official slim Dockerfile finds them (ldd of every executable but Tk's, then dpkg-query --search).
FROM full AS slim-parts
RUN set -eux; \
    mkdir -p /slim/usr; \
    cp -a /usr/local /slim/usr/; \
    find /slim/usr/local -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
      'for f; do if head -c4 "$f" | grep -q ELF; then strip --strip-all "$f"; fi; done' sh '{}' +; \
    find /usr/local -type f -executable -not \( -name '*tkinter*' \) -exec ldd '{}' ';' \
      | awk '/=>/ { so = $(NF-1); if (index(so, "/usr/local/") == 1) { next }; gsub("^/(usr/)?", "", so); printf "*%s\n", so }' \
      | sort -u \
      | xargs -r dpkg-query --search \
      | awk 'sub(":$", "", $1) { print $1 }' \
      | sort -u > /slim/runtime-packages; \
    test -s /slim/runtime-packages; \
    cat /slim/runtime-packages

# ---- slim: Debian 13 slim + ca-certificates, netbase, tzdata + those runtime libraries.
FROM ${BASE} AS slim
ENV PATH=/usr/local/bin:$PATH
ENV LANG=C.UTF-8
COPY --from=slim-parts /slim/runtime-packages /tmp/runtime-packages
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates netbase tzdata $(cat /tmp/runtime-packages); \
    rm -rf /var/lib/apt/lists/* /tmp/runtime-packages
COPY --from=slim-parts /slim/usr/local/ /usr/local/
RUN set -eux; ldconfig; python3 --version; pip3 --version
CMD ["python3"]
