# Stand-in for python:3.11-slim: Debian 12's Python, no compilers, no libpq5; apt still works.
# The official slim images carry Python.h (their Python lives in /usr/local), so this one does too:
# libpython3.11-dev brings the headers without a compiler; its static libpython (which the
# official slim image does not ship) is deleted in the same RUN so the layer never holds it.
ARG BASE
FROM ${BASE}
ENV LANG=C.UTF-8
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv python3-pip libpython3.11-dev ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED \
 && find / -xdev -name 'libpython3.11*.a' -delete \
 && ln -sf /usr/bin/python3 /usr/local/bin/python \
 && ln -sf /usr/bin/pip3 /usr/local/bin/pip
CMD ["python3"]
