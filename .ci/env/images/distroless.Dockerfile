# Stand-in for gcr.io/distroless/python3-debian13:nonroot: Debian 13's python3.13 at
# /usr/bin/python3.13 with the packages distroless lists, CA certificates and tzdata; no shell,
# no package manager; runs as nonroot (65532) in /home/nonroot.
ARG BASE
FROM ${BASE} AS stage
ARG PYTHON=3.13
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata-legacy media-types netbase \
      libssl3t64 libzstd1 libgomp1 libstdc++6 \
      "libpython${PYTHON}-stdlib" "python${PYTHON}-minimal" "python${PYTHON}-venv"
COPY distroless-rootfs.py /distroless-rootfs.py
RUN "python${PYTHON}" /distroless-rootfs.py /out "${PYTHON}"

FROM scratch AS distroless
COPY --from=stage /out/ /
ENV LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532
WORKDIR /home/nonroot
ENTRYPOINT ["/usr/bin/python3.13"]
