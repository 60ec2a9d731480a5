# slim-py: full (Python 3.11)
# The baseline: what builds the app also runs it, compilers included.
# Dependencies: requirements.txt.
# Build: docker build -t pg-app .

FROM python:3.11-trixie
# The full image already has gcc and most -dev headers; naming them keeps a custom base working.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev libpq5 \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONUNBUFFERED=1
RUN useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY requirements-dev.txt requirements.txt ./
COPY requirements/base.txt requirements/
COPY vendor/pgfast vendor/pgfast
RUN python3 -m pip install --no-cache-dir -r requirements.txt
COPY --chown=10001:10001 . .
USER 10001
CMD ["python", "-m", "pgapp"]
