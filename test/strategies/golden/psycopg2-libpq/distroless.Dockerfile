# slim-py: distroless (Python 3.11)
# Build on debian:13-slim with its /usr/bin/python3.11; run on gcr.io/distroless/python3-debian13:nonroot.
# Dependencies: requirements.txt.
# Build: docker build -t pg-app .

# debian-builder: Debian’s own Python (the one distroless runs), with venv support.
FROM debian:13-slim AS debian-builder
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
    && find /opt/venv -type f -name '*.so*' -print0 \
        | while IFS= read -r -d '' f; do \
            if ! out="$(ldd "$f" 2>&1)"; then \
                case "$out" in *"not a dynamic executable"*) continue ;; esac; \
                echo "ldd $f failed: $out" >&2; exit 1; \
            fi; \
            printf '%s\n' "$out"; \
        done \
        | awk -v have="libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libutil.so.1 libresolv.so.2 \
            libssl.so.3 libcrypto.so.3 libz.so.1 libzstd.so.1 libffi.so.8 libexpat.so.1 libsqlite3.so.0 \
            libbz2.so.1.0 liblzma.so.5 libuuid.so.1 libcrypt.so.1 libncursesw.so.6 libtinfo.so.6 libreadline.so.8 \
            libstdc++.so.6 libgcc_s.so.1 libgomp.so.1 libgssapi_krb5.so.2 libkrb5.so.3 libk5crypto.so.3 libcom_err.so.2 \
            libkrb5support.so.0 libkeyutils.so.1 libnsl.so.2 libtirpc.so.3" \
            'BEGIN { n = split(have, h, " "); for (i = 1; i <= n; i++) skip[h[i]] = 1 } \
             $2 == "=>" && $3 ~ /^\// && $3 !~ /^\/opt\/venv\// && !($1 in skip) && !seen[$1]++ { print $3 }' \
        | xargs -r cp -L -t /opt/venv/syslib \
    && mkdir -p /opt/app-root/app \
    && chown 65532:65532 /opt/app-root/app

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

# The runtime: no shell, so no RUN with a shell command; everything arrives by COPY.
FROM gcr.io/distroless/python3-debian13:nonroot
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH=/opt/venv/bin:$PATH LD_LIBRARY_PATH=/opt/venv/syslib
# /app owned by the app user, made in the builder: there is no shell here to mkdir and chown it.
COPY --from=debian-trimmed /opt/app-root/ /
WORKDIR /app
COPY --from=debian-trimmed /opt/venv /opt/venv
COPY --chown=65532:65532 . .
USER 65532
ENTRYPOINT ["/opt/venv/bin/python", "-m", "pgapp"]
