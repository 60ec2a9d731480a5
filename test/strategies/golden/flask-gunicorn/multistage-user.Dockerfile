# slim-py: multistage-user (Python 3.12)
# pip --user into /opt/pyuser in python:3.12-trixie, copied onto python:3.12-slim-trixie.
# Dependencies: requirements.txt.
# Build: docker build -t flask-app .

# build-env: the full image as it is (nothing to add here); the builders below share it. Never shipped.
FROM python:3.12-trixie AS build-env

# user-builder: dependencies into the user base /opt/pyuser instead of root's ~/.local.
FROM build-env AS user-builder
WORKDIR /app
ENV PYTHONUSERBASE=/opt/pyuser PATH=/opt/pyuser/bin:$PATH
COPY requirements.txt ./
RUN python3 -m pip install --no-cache-dir --user --no-compile -r requirements.txt

# user-trimmed: /opt/pyuser without test suites, __pycache__, debug symbols.
# Trimming here, before the COPY into the runtime, is what makes the bytes disappear.
FROM user-builder AS user-trimmed
RUN find /opt/pyuser -type d -name tests -prune -exec rm -rf {} + \
    && find /opt/pyuser -type d -name __pycache__ -prune -exec rm -rf {} + \
    && { find /opt/pyuser -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' -exec strip --strip-unneeded {} + || true; }

# The runtime: the user base copied to the same path, and Python told where it is.
FROM python:3.12-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN useradd --no-log-init --create-home --uid 10001 app \
    && mkdir -p /app && chown 10001:10001 /app
WORKDIR /app
COPY --from=user-trimmed /opt/pyuser /opt/pyuser
# Without these, scripts are not on PATH and a non-root user would look in its own ~/.local.
ENV PYTHONUSERBASE=/opt/pyuser PATH=/opt/pyuser/bin:$PATH
COPY --chown=10001:10001 . .
USER 10001
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
