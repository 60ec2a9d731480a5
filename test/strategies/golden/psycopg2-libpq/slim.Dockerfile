# slim-py: slim (Python 3.11)
# One stage on the slim base; build packages live only inside the install RUN.
# Dependencies: requirements.txt.
# Build: docker build -t pg-app .

FROM python:3.11-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# Shared libraries the packages load at run time (libpq5); no -dev headers.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY requirements-dev.txt requirements.txt ./
COPY requirements/base.txt requirements/
COPY vendor/pgfast vendor/pgfast
# Build packages are installed, used and purged in this one RUN, so no layer keeps them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev \
    && python3 -m pip install --no-cache-dir --no-compile -r requirements.txt \
    && SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
    && find "$SITE" -type d -name tests -prune -exec rm -rf {} + \
    && { find "$SITE" -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' -exec strip --strip-unneeded {} + || true; } \
    && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false -o APT::AutoRemove::SuggestsImportant=false \
        build-essential \
        libpq-dev \
    && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 . .
USER 10001
CMD ["python", "-m", "pgapp"]
