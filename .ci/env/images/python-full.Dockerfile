# Stand-in for python:3.11 ("full"): Debian 12's Python with compilers and headers.
ARG BASE
FROM ${BASE}
ENV LANG=C.UTF-8
# python/pip on PATH like the official image; no EXTERNALLY-MANAGED so `pip install` works there too.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      python3 python3-dev python3-venv python3-pip build-essential git libpq-dev pkg-config \
      ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED \
 && ln -sf /usr/bin/python3 /usr/local/bin/python \
 && ln -sf /usr/bin/pip3 /usr/local/bin/pip
CMD ["python3"]
