# slim-py: alpine (Python 3.11)
# One stage on Alpine; build deps in a virtual package deleted within the install RUN.
# Dependencies: requirements.txt.
# Build: docker build -t pg-app .

FROM python:3.11-alpine3.24
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# musl builds of the shared libraries the packages load (libpq).
RUN apk add --no-cache libpq \
    && addgroup -S -g 10001 app \
    && adduser -S -D -u 10001 -G app app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY requirements-dev.txt requirements.txt ./
COPY requirements/base.txt requirements/
COPY vendor/pgfast vendor/pgfast
# .build-deps is added and deleted in this one RUN: no layer keeps the compilers.
RUN apk add --no-cache --virtual .build-deps build-base postgresql-dev \
    && python3 -m pip install --no-cache-dir --no-compile -r requirements.txt \
    && SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
    && find "$SITE" -type d -name tests -prune -exec rm -rf {} + \
    && { find "$SITE" -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' -exec strip --strip-unneeded {} + || true; } \
    && apk del .build-deps
COPY --chown=10001:10001 . .
USER 10001
CMD ["python", "-m", "pgapp"]
