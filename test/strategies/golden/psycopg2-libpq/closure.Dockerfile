# slim-py: closure (Python 3.11)
# Build on debian:12-slim; run on scratch with only what Python 3.11 and the venv load.
# Dependencies: requirements.txt.
# Build: docker build -t pg-app .

# debian-builder: Debian’s own Python (the one distroless runs), with venv support.
FROM debian:12-slim AS debian-builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        build-essential \
        libpq-dev \
        libpq5 \
        python3-dev \
        python3-venv \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# A venv is one self-contained folder: easy to copy whole into the runtime stage.
RUN /usr/bin/python3.11 -m venv /opt/venv
COPY requirements-dev.txt requirements.txt ./
COPY requirements/base.txt requirements/
COPY vendor/pgfast vendor/pgfast
RUN /opt/venv/bin/python -m pip install --no-cache-dir --no-compile -r requirements.txt
RUN mkdir -p /opt/venv/syslib \
    && { find /opt/venv -type f -name '*.so*' -exec ldd {} + 2>/dev/null || true; } \
        | awk -v have="libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libutil.so.1 libresolv.so.2 \
            libssl.so.3 libcrypto.so.3 libz.so.1 libffi.so.8 libexpat.so.1 libsqlite3.so.0 libbz2.so.1.0 \
            liblzma.so.5 libuuid.so.1 libmpdec.so.3 libcrypt.so.1 libncursesw.so.6 libtinfo.so.6 libreadline.so.8" \
            'BEGIN { n = split(have, h, " "); for (i = 1; i <= n; i++) skip[h[i]] = 1 } \
             $2 == "=>" && $3 ~ /^\// && $3 !~ /^\/opt\/venv\// && !($1 in skip) && !seen[$1]++ { print $3 }' \
        | xargs -r cp -L -t /opt/venv/syslib

# debian-trimmed: /opt/venv without test suites, __pycache__, debug symbols and unused pip/setuptools/wheel.
# Trimming here, before the COPY into the runtime, is what makes the bytes disappear.
FROM debian-builder AS debian-trimmed
RUN apt-get update \
    && apt-get install -y --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/* \
    && for pkg in wheel setuptools pip; do \
            if /opt/venv/bin/python -m pip show "$pkg" >/tmp/pkg-info 2>/dev/null \
                && grep -q '^Required-by: *$' /tmp/pkg-info; then \
                /opt/venv/bin/python -m pip uninstall -y -q "$pkg"; \
            fi; \
        done \
    && rm -f /tmp/pkg-info \
    && find /opt/venv -type d -name tests -prune -exec rm -rf {} + \
    && find /opt/venv -type d -name __pycache__ -prune -exec rm -rf {} + \
    && { find /opt/venv -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' -exec strip --strip-unneeded {} + || true; }

# closure-root: the runtime's whole filesystem, assembled in /closure.
FROM debian-trimmed AS closure-root
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /closure/tmp /closure/etc /closure/home/app /closure/usr/bin /closure/usr/lib/ssl \
    && chmod 1777 /closure/tmp \
    && cp -a --parents /usr/bin/python3.11 /usr/lib/python3.11 /opt/venv /usr/share/zoneinfo /etc/ssl/certs/ca-certificates.crt /closure/ \
    && cp -a /usr/lib/ssl/cert.pem /usr/lib/ssl/certs /closure/usr/lib/ssl/ 2>/dev/null || true \
    && rm -rf /closure/opt/venv/syslib /closure/usr/lib/python3.11/test /closure/usr/lib/python3.11/idlelib /closure/usr/lib/python3.11/tkinter /closure/usr/lib/python3.11/turtledemo /closure/usr/lib/python3.11/ensurepip /closure/usr/lib/python3.11/lib2to3 /closure/usr/lib/python3.11/pydoc_data /closure/usr/lib/python3.11/config-* \
    && find /closure/usr/lib/python3.11 -type d -name __pycache__ -prune -exec rm -rf {} + \
    && { { echo /usr/bin/python3.11; find /usr/lib/python3.11/lib-dynload /opt/venv -type f -name '*.so*'; } \
        | xargs ldd 2>/dev/null || true; } \
        | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' \
        | grep -v '^/opt/venv/' | sort -u > /tmp/closure-libs \
    && echo /lib/x86_64-linux-gnu/libgcc_s.so.1 >> /tmp/closure-libs \
    && while read -r lib; do [ -e "$lib" ] || continue; mkdir -p "/closure$(dirname "$lib")"; cp -L "$lib" "/closure$lib"; done < /tmp/closure-libs \
    && interp="$(readelf -l /usr/bin/python3.11 | sed -n 's/.*interpreter: \(.*\)]/\1/p')" \
    && mkdir -p "/closure$(dirname "$interp")" && cp -L "$interp" "/closure$interp" \
    && cp /etc/ld.so.cache /closure/etc/ 2>/dev/null || true \
    && printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/home/app:/sbin/nologin\n' > /closure/etc/passwd \
    && printf 'root:x:0:\napp:x:10001:\n' > /closure/etc/group \
    && chown 10001:10001 /closure/home/app \
    && find /closure -type d -exec chmod go+rx {} +

# The runtime: nothing but the closure. No shell: exec-form commands only.
FROM scratch
COPY --from=closure-root /closure/ /
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH=/opt/venv/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
WORKDIR /app
COPY --chown=10001:10001 . .
USER 10001
ENTRYPOINT ["/opt/venv/bin/python", "-m", "pgapp"]
