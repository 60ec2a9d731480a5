# slim-py: multistage-wheels (Python 3.11)
# Wheels built in python:3.11-trixie, installed on python:3.11-slim-trixie through a bind mount.
# Dependencies: requirements.txt.
# Build: DOCKER_BUILDKIT=1 docker build -t pg-app .

# build-env: the full image (compilers, headers) plus what the verdicts ask for. Never shipped.
FROM python:3.11-trixie AS build-env
# The full image already has gcc and most -dev headers; naming them keeps a custom base working.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev libpq5 \
    && rm -rf /var/lib/apt/lists/*

# wheel-builder: a wheel for every dependency (compiled here when needed) in /wheels.
FROM build-env AS wheel-builder
WORKDIR /app
COPY requirements-dev.txt requirements.txt ./
COPY requirements/base.txt requirements/
COPY vendor/pgfast vendor/pgfast
RUN python3 -m pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# The runtime installs the wheels without copying them: the bind mount exists during one RUN only.
FROM python:3.11-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# Shared libraries the packages load at run time (libpq5); no -dev headers.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
RUN --mount=type=bind,from=wheel-builder,source=/wheels,target=/wheels \
    python3 -m pip install --no-cache-dir --no-index --find-links=/wheels --no-compile /wheels/*.whl \
    && SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
    && find "$SITE" -type d -name tests -prune -exec rm -rf {} +
COPY --chown=10001:10001 . .
USER 10001
CMD ["python", "-m", "pgapp"]
