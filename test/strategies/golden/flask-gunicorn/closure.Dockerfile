# slim-py: closure (Python 3.12)
# Build in python:3.12-trixie (the multistage-venv builder); run on scratch with only what Python 3.12 and the venv load.
# Dependencies: requirements.txt.
# Build: docker build -t flask-app .

# build-env: the full image as it is (nothing to add here); the builders below share it. Never shipped.
FROM python:3.12-trixie AS build-env

# venv-builder: dependencies into /opt/venv with the full toolchain at hand.
FROM build-env AS venv-builder
WORKDIR /app
# A venv is one self-contained folder: easy to copy whole into the runtime stage.
RUN python3 -m venv /opt/venv
COPY requirements.txt ./
RUN /opt/venv/bin/python -m pip install --no-cache-dir --no-compile -r requirements.txt

# venv-trimmed: /opt/venv without test suites, __pycache__, debug symbols and unused pip/setuptools/wheel.
# Trimming here, before the COPY into the runtime, is what makes the bytes disappear.
FROM venv-builder AS venv-trimmed
RUN for pkg in wheel setuptools pip; do \
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
FROM venv-trimmed AS closure-root
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN if ! dpkg -s binutils ca-certificates netbase tzdata >/dev/null 2>&1; then \
        apt-get update \
        && apt-get install -y --no-install-recommends binutils ca-certificates netbase tzdata \
        && rm -rf /var/lib/apt/lists/*; \
    fi \
    && /opt/venv/bin/python -c 'import os, shlex, sys, sysconfig; \
        v = sysconfig.get_config_var; \
        walk = lambda p: [p] + walk(os.path.normpath(os.path.join(os.path.dirname(p), os.readlink(p)))) if os.path.islink(p) else [p]; \
        lib = os.path.join(v("LIBDIR"), v("INSTSONAME")) if v("Py_ENABLE_SHARED") else ""; \
        paths = {"exe": os.path.realpath(sys.executable), "links": " ".join(walk(sys.executable)[1:]), \
                 "stdlib": sysconfig.get_paths()["stdlib"], "dynload": v("DESTSHARED"), "libpython": lib}; \
        print("".join(k + "=" + shlex.quote(p) + chr(10) for k, p in paths.items()))' > /tmp/python-paths \
    && . /tmp/python-paths \
    && home="$(sed -n 's/^home = //p' /opt/venv/pyvenv.cfg)" \
    && mkdir -p /closure/tmp /closure/etc /closure/home/app /closure/app \
    && chmod 1777 /closure/tmp \
    && cp -a --parents $links "$stdlib" $libpython /opt/venv /closure/ \
    && test -d "/closure$home" \
    && cp -a --parents /etc/ssl/certs/ca-certificates.crt /usr/share/zoneinfo /etc/services /etc/protocols /etc/ld.so.conf /etc/ld.so.conf.d /closure/ \
    && rm -rf "/closure$stdlib"/test "/closure$stdlib"/idlelib "/closure$stdlib"/tkinter "/closure$stdlib"/turtledemo "/closure$stdlib"/turtle.py "/closure$stdlib"/ensurepip "/closure$stdlib"/lib2to3 "/closure$stdlib"/pydoc_data "/closure$stdlib"/config-* "/closure$stdlib"/site-packages \
    && rm -f "/closure$dynload"/_tkinter* "/closure$dynload"/_test* "/closure$dynload"/_ctypes_test* "/closure$dynload"/_xxtestfuzz* "/closure$dynload"/xxlimited* "/closure$dynload"/readline* "/closure$dynload"/_curses* \
    && find "/closure$stdlib" -type d -name __pycache__ -prune -exec rm -rf {} + \
    && strip --strip-unneeded "/closure$exe" ${libpython:+"/closure$libpython"} "/closure$dynload"/*.so \
    && { printf '%s\0' "/closure$exe"; find /closure -type f \( -name '*.so' -o -name '*.so.*' \) -print0; } \
        | while IFS= read -r -d '' f; do \
            if ! out="$(ldd "$f" 2>&1)"; then \
                case "$out" in *"not a dynamic executable"*) continue ;; esac; \
                echo "ldd $f failed: $out" >&2; exit 1; \
            fi; \
            printf '%s\n' "$out"; \
        done > /tmp/ldd-out \
    && awk '$2 == "=>" && $3 ~ /^\// { print $3 }' /tmp/ldd-out | grep -v '^/closure/' | sort -u > /tmp/closure-libs \
    && libc="$(awk '$1 == "libc.so.6" && $3 ~ /^\// { print $3; exit }' /tmp/ldd-out)" \
    && gcc_all="$(ldconfig -p | awk '$1 == "libgcc_s.so.1" { print $NF }')" \
    && { gcc_s=""; for g in $gcc_all; do \
            if [ "$(readlink -f "$(dirname "$g")")" = "$(readlink -f "$(dirname "$libc")")" ]; then gcc_s="$g"; fi; \
        done; } \
    && { [ -n "$gcc_s" ] || { echo "closure: ldconfig -p lists no libgcc_s.so.1 next to $libc" >&2; exit 1; }; } \
    && echo "$gcc_s" >> /tmp/closure-libs \
    && while read -r lib; do { mkdir -p "/closure$(dirname "$lib")" && cp -L "$lib" "/closure$lib"; } || exit 1; done < /tmp/closure-libs \
    && interp="$(readelf -l "$exe" | sed -n 's/.*interpreter: \(.*\)]/\1/p')" \
    && mkdir -p "/closure$(dirname "$interp")" && cp -L "$interp" "/closure$interp" \
    && ldconfig -X -r /closure \
    && printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/home/app:/sbin/nologin\n' > /closure/etc/passwd \
    && printf 'root:x:0:\napp:x:10001:\n' > /closure/etc/group \
    && printf 'passwd: files\ngroup: files\nhosts: files dns\n' > /closure/etc/nsswitch.conf \
    && chown 10001:10001 /closure/home/app /closure/app \
    && find /closure -type d -exec chmod go+rx {} +

# The runtime: nothing but the closure. No shell: exec-form commands only.
FROM scratch
COPY --from=closure-root /closure/ /
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH=/opt/venv/bin LANG=C.UTF-8 SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
WORKDIR /app
COPY --chown=10001:10001 . .
USER 10001
ENTRYPOINT ["/opt/venv/bin/gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
