# slim-py: multistage-alpine (Python 3.12)
# Build and run on python:3.12-alpine3.24: a musl venv for a musl runtime.
# Dependencies: requirements.txt.
# Build: docker build -t flask-app .

# alpine-builder: dependencies into /opt/venv, built against musl.
FROM python:3.12-alpine3.24 AS alpine-builder
WORKDIR /app
# A venv is one self-contained folder: easy to copy whole into the runtime stage.
RUN python3 -m venv /opt/venv
COPY requirements.txt ./
RUN /opt/venv/bin/python -m pip install --no-cache-dir --no-compile -r requirements.txt

# alpine-trimmed: /opt/venv without test suites, __pycache__, debug symbols and unused pip/setuptools/wheel.
# Trimming here, before the COPY into the runtime, is what makes the bytes disappear.
FROM alpine-builder AS alpine-trimmed
RUN apk add --no-cache binutils \
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

# The runtime: Alpine, the musl venv, the app.
FROM python:3.12-alpine3.24
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN addgroup -S -g 10001 app \
    && adduser -S -D -u 10001 -G app app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY --from=alpine-trimmed /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY --chown=10001:10001 . .
USER 10001
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
