# slim-py: multistage-wheels (Python 3.12)
# Wheels built in python:3.12-trixie, installed on python:3.12-slim-trixie through a bind mount.
# Dependencies: requirements.txt.
# Build: DOCKER_BUILDKIT=1 docker build -t flask-app .

# build-env: the full image as it is (nothing to add here); the builders below share it. Never shipped.
FROM python:3.12-trixie AS build-env

# wheel-builder: a wheel for every dependency (compiled here when needed) in /wheels.
FROM build-env AS wheel-builder
WORKDIR /app
COPY requirements.txt ./
RUN python3 -m pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# The runtime installs the wheels without copying them: the bind mount exists during one RUN only.
FROM python:3.12-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
RUN --mount=type=bind,from=wheel-builder,source=/wheels,target=/wheels \
    python3 -m pip install --no-cache-dir --no-index --find-links=/wheels --no-compile /wheels/*.whl \
    && SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
    && find "$SITE" -type d -name tests -prune -exec rm -rf {} +
COPY --chown=10001:10001 . .
USER 10001
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
