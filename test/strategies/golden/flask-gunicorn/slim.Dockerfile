# slim-py: slim (Python 3.12)
# One stage on the slim base; build packages live only inside the install RUN.
# Dependencies: requirements.txt.
# Build: docker build -t flask-app .

FROM python:3.12-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY requirements.txt ./
RUN python3 -m pip install --no-cache-dir --no-compile -r requirements.txt \
    && SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
    && find "$SITE" -type d -name tests -prune -exec rm -rf {} +
COPY --chown=10001:10001 . .
USER 10001
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
