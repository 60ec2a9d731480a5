#!/usr/bin/env bash
# Turns a fresh `debootstrap --variant=minbase SUITE` tree into what debian:N-slim is:
# the host's apt sources (main, updates, security), no docs/man/locales, no caches.
set -euo pipefail
R=${1:?usage: debian-rootfs.sh ROOTFS SUITE}
SUITE=${2:?usage: debian-rootfs.sh ROOTFS SUITE}
# It deletes files under $R: refuse anything but a debootstrap tree.
[ -d "$R/etc/apt" ] && [ "$(cd "$R" && pwd -P)" != / ] || { echo "not a rootfs: $R" >&2; exit 1; }
# Same sources as this host and the official image: main, updates, security.
rm -f "$R/etc/apt/sources.list"
cat >"$R/etc/apt/sources.list.d/debian.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
# Like debian:N-slim: no docs/man/locales from later installs, no .deb cache kept.
cat >"$R/etc/dpkg/dpkg.cfg.d/docker" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
CFG
cat >"$R/etc/apt/apt.conf.d/docker-clean" <<'CFG'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
CFG
find "$R/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
rm -rf "$R"/usr/share/{man,info,locale}/* "$R"/var/lib/apt/lists/* \
  "$R"/var/cache/apt/*.bin "$R"/var/cache/apt/archives/*.deb \
  "$R"/var/log/*.log "${R:?}"/dev/* "$R/etc/resolv.conf" "$R/etc/hostname"
