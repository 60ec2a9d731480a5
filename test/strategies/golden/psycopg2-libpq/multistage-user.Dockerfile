# slim-py: multistage-user (Python 3.11)
# pip --user into /opt/pyuser in python:3.11-trixie, copied onto python:3.11-slim-trixie.
# Dependencies: requirements.txt.
# Build: docker build -t pg-app .

# build-env: the full image (compilers, headers) plus what the verdicts ask for. Never shipped.
FROM python:3.11-trixie AS build-env
# The full image already has gcc and most -dev headers; naming them keeps a custom base working.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev libpq5 \
    && rm -rf /var/lib/apt/lists/*

# user-builder: dependencies into the user base /opt/pyuser instead of root's ~/.local.
FROM build-env AS user-builder
WORKDIR /app
ENV PYTHONUSERBASE=/opt/pyuser PATH=/opt/pyuser/bin:$PATH
COPY requirements-dev.txt requirements.txt ./
COPY requirements/base.txt requirements/
COPY vendor/pgfast vendor/pgfast
RUN python3 -m pip install --no-cache-dir --user --no-compile -r requirements.txt

# user-trimmed: /opt/pyuser without test suites, __pycache__, debug symbols.
# Trimming here, before the COPY into the runtime, is what makes the bytes disappear.
FROM user-builder AS user-trimmed
RUN find /opt/pyuser -type d -name tests -prune -exec rm -rf {} + \
    && find /opt/pyuser -type d -name __pycache__ -prune -exec rm -rf {} + \
    && { find /opt/pyuser -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' -exec strip --strip-unneeded {} + || true; }

# The runtime: the user base copied to the same path, and Python told where it is.
FROM python:3.11-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# Shared libraries the packages load at run time (libpq5); no -dev headers.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY --from=user-trimmed /opt/pyuser /opt/pyuser
# Without these, scripts are not on PATH and a non-root user would look in its own ~/.local.
ENV PYTHONUSERBASE=/opt/pyuser PATH=/opt/pyuser/bin:$PATH
COPY --chown=10001:10001 . .
USER 10001
CMD ["python", "-m", "pgapp"]
