# Stand-in for gcr.io/distroless/python3-debian12: Debian's python3.11 with its stdlib and
# shared libraries, CA certificates and tzdata, but no shell and no package manager.
ARG BASE
FROM ${BASE} AS stage
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 ca-certificates tzdata libssl3 netbase
COPY distroless-rootfs.py /distroless-rootfs.py
RUN python3 /distroless-rootfs.py /out

FROM scratch
COPY --from=stage /out/ /
ENV LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
ENTRYPOINT ["/usr/bin/python3"]
