import { pkgs } from './system-packages.js';
import type { SystemPackages } from './types.js';

/**
 * Which package provides a shared library that a binary needs but the image lacks, so the runtime
 * audit can say "install libpq5" instead of "libpq.so.5 not found". apt names are Debian 12
 * (bookworm, the python:X-slim base); apk names are Alpine's. '' = no such package there.
 */
const SONAMES: Record<string, SystemPackages> = {
  'libpq.so.5': pkgs('libpq5', 'libpq'),
  'libxml2.so.2': pkgs('libxml2', 'libxml2'),
  'libxslt.so.1': pkgs('libxslt1.1', 'libxslt'),
  'libexslt.so.0': pkgs('libxslt1.1', 'libxslt'),
  'libjpeg.so.62': pkgs('libjpeg62-turbo', 'libjpeg-turbo'),
  'libjpeg.so.8': pkgs('', 'libjpeg-turbo'),
  'libz.so.1': pkgs('zlib1g', 'zlib'),
  'libssl.so.3': pkgs('libssl3', 'libssl3'),
  'libcrypto.so.3': pkgs('libssl3', 'libcrypto3'),
  'libffi.so.8': pkgs('libffi8', 'libffi'),
  'libmariadb.so.3': pkgs('libmariadb3', 'mariadb-connector-c'),
  'libgomp.so.1': pkgs('libgomp1', 'libgomp'),
  'libgfortran.so.5': pkgs('libgfortran5', 'libgfortran'),
  'libquadmath.so.0': pkgs('libquadmath0', 'libquadmath'),
  'libopenblas.so.0': pkgs('libopenblas0', 'openblas'),
  'libblas.so.3': pkgs('libblas3', 'blas'),
  'liblapack.so.3': pkgs('liblapack3', 'lapack'),
  'libstdc++.so.6': pkgs('libstdc++6', 'libstdc++'),
  'libgcc_s.so.1': pkgs('libgcc-s1', 'libgcc'),
  'libatomic.so.1': pkgs('libatomic1', 'libatomic'),
  'libyaml-0.so.2': pkgs('libyaml-0-2', 'yaml'),
  'libzmq.so.5': pkgs('libzmq5', 'libzmq'),
  'libodbc.so.2': pkgs('libodbc2', 'unixodbc'),
  'libodbcinst.so.2': pkgs('libodbcinst2', 'unixodbc'),
  'libldap-2.5.so.0': pkgs('libldap-2.5-0', ''),
  'liblber-2.5.so.0': pkgs('libldap-2.5-0', ''),
  'libldap.so.2': pkgs('', 'libldap'),
  'liblber.so.2': pkgs('', 'libldap'),
  'libsasl2.so.2': pkgs('libsasl2-2', 'libsasl'),
  'libsqlite3.so.0': pkgs('libsqlite3-0', 'sqlite-libs'),
  'libgeos_c.so.1': pkgs('libgeos-c1v5', 'geos'),
  'libexpat.so.1': pkgs('libexpat1', 'libexpat'),
  'libuuid.so.1': pkgs('libuuid1', 'libuuid'),
  'libbz2.so.1.0': pkgs('libbz2-1.0', ''),
  'libbz2.so.1': pkgs('', 'libbz2'),
  'liblzma.so.5': pkgs('liblzma5', 'xz-libs'),
  'libzstd.so.1': pkgs('libzstd1', 'zstd-libs'),
  'liblz4.so.1': pkgs('liblz4-1', 'lz4-libs'),
  'libsnappy.so.1': pkgs('libsnappy1v5', 'snappy'),
  'libpng16.so.16': pkgs('libpng16-16', 'libpng'),
  'libfreetype.so.6': pkgs('libfreetype6', 'freetype'),
  'libtiff.so.6': pkgs('libtiff6', 'tiff'),
  'libwebp.so.7': pkgs('libwebp7', 'libwebp'),
  'liblcms2.so.2': pkgs('liblcms2-2', 'lcms2'),
  'libopenjp2.so.7': pkgs('libopenjp2-7', 'openjpeg'),
  'libxmlsec1.so.1': pkgs('libxmlsec1', 'xmlsec'),
  'libxmlsec1-openssl.so.1': pkgs('libxmlsec1-openssl', 'xmlsec'),
  'libgssapi_krb5.so.2': pkgs('libgssapi-krb5-2', 'krb5-libs'),
  'libkrb5.so.3': pkgs('libkrb5-3', 'krb5-libs'),
  'libsybdb.so.5': pkgs('libsybdb5', 'freetds'),
  'libhdf5_serial.so.103': pkgs('libhdf5-103-1', ''),
  'libgdal.so.32': pkgs('libgdal32', ''),
  'libsodium.so.23': pkgs('libsodium23', ''),
  'libgmp.so.10': pkgs('libgmp10', 'gmp'),
  'libGL.so.1': pkgs('libgl1', 'mesa-gl'),
  'libglib-2.0.so.0': pkgs('libglib2.0-0', 'glib'),
  'libgthread-2.0.so.0': pkgs('libglib2.0-0', 'glib'),
  'libgobject-2.0.so.0': pkgs('libglib2.0-0', 'glib'),
  'libmagic.so.1': pkgs('libmagic1', 'libmagic'),
  'libcurl.so.4': pkgs('libcurl4', 'libcurl'),
  'libpcre2-8.so.0': pkgs('libpcre2-8-0', 'pcre2'),
  'libpango-1.0.so.0': pkgs('libpango-1.0-0', 'pango'),
  'libpangoft2-1.0.so.0': pkgs('libpangoft2-1.0-0', 'pango'),
  'libcairo.so.2': pkgs('libcairo2', 'cairo'),
  'libX11.so.6': pkgs('libx11-6', 'libx11'),
  'libxcb.so.1': pkgs('libxcb1', 'libxcb'),
  'libaio.so.1': pkgs('libaio1', 'libaio'),
  'libreadline.so.8': pkgs('libreadline8', 'readline'),
  'libncursesw.so.6': pkgs('libncursesw6', 'ncurses-libs'),
  'libtinfo.so.6': pkgs('libtinfo6', 'ncurses-libs'),
  'libsystemd.so.0': pkgs('libsystemd0', ''),
  'libdbus-1.so.3': pkgs('libdbus-1-3', 'dbus-libs'),
};

/** The packages that provide a soname, for both families; undefined when the table does not know it. */
export function sonamePackages(soname: string): SystemPackages | undefined {
  if (Object.hasOwn(SONAMES, soname)) return SONAMES[soname];
  // libpython3.X.so.1.0: only a Debian/Alpine python provides it; official images have their own.
  const py = /^libpython(3\.\d+)\.so\.1\.0$/.exec(soname);
  return py ? pkgs(`libpython${py[1]}`, 'python3') : undefined;
}

/** All sonames known, for tests and reports. */
export function knownSonames(): string[] {
  return Object.keys(SONAMES);
}
