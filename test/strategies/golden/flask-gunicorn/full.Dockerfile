# slim-py: full (Python 3.12)
# The baseline: what builds the app also runs it, compilers included.
# Dependencies: requirements.txt.
# Build: docker build -t flask-app .

FROM python:3.12-trixie
ENV PYTHONUNBUFFERED=1
RUN useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY requirements.txt ./
RUN python3 -m pip install --no-cache-dir -r requirements.txt
COPY --chown=10001:10001 . .
USER 10001
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
