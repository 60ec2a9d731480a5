# slim-py: alpine (Python 3.12)
# One stage on Alpine; build deps in a virtual package deleted within the install RUN.
# Dependencies: requirements.txt.
# Build: docker build -t flask-app .

FROM python:3.12-alpine3.24
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN addgroup -S -g 10001 app \
    && adduser -S -D -u 10001 -G app app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY requirements.txt ./
RUN python3 -m pip install --no-cache-dir --no-compile -r requirements.txt \
    && SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
    && find "$SITE" -type d -name tests -prune -exec rm -rf {} +
COPY --chown=10001:10001 . .
USER 10001
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
