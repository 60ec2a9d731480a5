# slim-py: multistage-venv (Python 3.12)
# Build in python:3.12-trixie, run on python:3.12-slim-trixie: only /opt/venv and the app cross over.
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

# The runtime: slim base, the venv, the app. Nothing from the builder but /opt/venv.
FROM python:3.12-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY --from=venv-trimmed /opt/venv /opt/venv
# The venv first on PATH: python, pip-installed scripts (gunicorn...) resolve to it.
ENV PATH=/opt/venv/bin:$PATH
COPY --chown=10001:10001 . .
USER 10001
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
