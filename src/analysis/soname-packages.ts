/**
 * Which package provides a shared library that a binary needs but the image lacks, so the runtime
 * audit can say "install libpq5" instead of "libpq.so.5 not found". apt names are Debian 12
 * (bookworm, the python:X-slim base); apk names are Alpine's. `undefined` = no such package there.
 */
const SONAMES: Record<string, [apt: string | undefined, apk: string | undefined]> = {
  'libpq.so.5': ['libpq5', 'libpq'],
  'libxml2.so.2': ['libxml2', 'libxml2'],
  'libxslt.so.1': ['libxslt1.1', 'libxslt'],
  'libexslt.so.0': ['libxslt1.1', 'libxslt'],
  'libjpeg.so.62': ['libjpeg62-turbo', 'libjpeg-turbo'],
  'libjpeg.so.8': [undefined, 'libjpeg-turbo'],
  'libz.so.1': ['zlib1g', 'zlib'],
  'libssl.so.3': ['libssl3', 'libssl3'],
  'libcrypto.so.3': ['libssl3', 'libcrypto3'],
  'libffi.so.8': ['libffi8', 'libffi'],
  'libmariadb.so.3': ['libmariadb3', 'mariadb-connector-c'],
  'libgomp.so.1': ['libgomp1', 'libgomp'],
  'libgfortran.so.5': ['libgfortran5', 'libgfortran'],
  'libquadmath.so.0': ['libquadmath0', 'libquadmath'],
  'libopenblas.so.0': ['libopenblas0', 'openblas'],
  'libblas.so.3': ['libblas3', 'blas'],
  'liblapack.so.3': ['liblapack3', 'lapack'],
  'libstdc++.so.6': ['libstdc++6', 'libstdc++'],
  'libgcc_s.so.1': ['libgcc-s1', 'libgcc'],
  'libatomic.so.1': ['libatomic1', 'libatomic'],
  'libyaml-0.so.2': ['libyaml-0-2', 'yaml'],
  'libzmq.so.5': ['libzmq5', 'libzmq'],
  'libodbc.so.2': ['libodbc2', 'unixodbc'],
  'libodbcinst.so.2': ['libodbcinst2', 'unixodbc'],
  'libldap-2.5.so.0': ['libldap-2.5-0', undefined],
  'liblber-2.5.so.0': ['libldap-2.5-0', undefined],
  'libldap.so.2': [undefined, 'libldap'],
  'liblber.so.2': [undefined, 'libldap'],
  'libsasl2.so.2': ['libsasl2-2', 'libsasl'],
  'libsqlite3.so.0': ['libsqlite3-0', 'sqlite-libs'],
  'libgeos_c.so.1': ['libgeos-c1v5', 'geos'],
  'libexpat.so.1': ['libexpat1', 'libexpat'],
  'libuuid.so.1': ['libuuid1', 'libuuid'],
  'libbz2.so.1.0': ['libbz2-1.0', undefined],
  'libbz2.so.1': [undefined, 'libbz2'],
  'liblzma.so.5': ['liblzma5', 'xz-libs'],
  'libzstd.so.1': ['libzstd1', 'zstd-libs'],
  'liblz4.so.1': ['liblz4-1', 'lz4-libs'],
  'libsnappy.so.1': ['libsnappy1v5', 'snappy'],
  'libpng16.so.16': ['libpng16-16', 'libpng'],
  'libfreetype.so.6': ['libfreetype6', 'freetype'],
  'libtiff.so.6': ['libtiff6', 'tiff'],
  'libwebp.so.7': ['libwebp7', 'libwebp'],
  'liblcms2.so.2': ['liblcms2-2', 'lcms2'],
  'libopenjp2.so.7': ['libopenjp2-7', 'openjpeg'],
  'libxmlsec1.so.1': ['libxmlsec1', 'xmlsec'],
  'libxmlsec1-openssl.so.1': ['libxmlsec1-openssl', 'xmlsec'],
  'libgssapi_krb5.so.2': ['libgssapi-krb5-2', 'krb5-libs'],
  'libkrb5.so.3': ['libkrb5-3', 'krb5-libs'],
  'libsybdb.so.5': ['libsybdb5', 'freetds'],
  'libhdf5_serial.so.103': ['libhdf5-103-1', undefined],
  'libgdal.so.32': ['libgdal32', undefined],
  'libsodium.so.23': ['libsodium23', undefined],
  'libgmp.so.10': ['libgmp10', 'gmp'],
  'libGL.so.1': ['libgl1', 'mesa-gl'],
  'libglib-2.0.so.0': ['libglib2.0-0', 'glib'],
  'libgthread-2.0.so.0': ['libglib2.0-0', 'glib'],
  'libgobject-2.0.so.0': ['libglib2.0-0', 'glib'],
  'libmagic.so.1': ['libmagic1', 'libmagic'],
  'libcurl.so.4': ['libcurl4', 'libcurl'],
  'libpcre2-8.so.0': ['libpcre2-8-0', 'pcre2'],
  'libpango-1.0.so.0': ['libpango-1.0-0', 'pango'],
  'libpangoft2-1.0.so.0': ['libpangoft2-1.0-0', 'pango'],
  'libcairo.so.2': ['libcairo2', 'cairo'],
  'libX11.so.6': ['libx11-6', 'libx11'],
  'libxcb.so.1': ['libxcb1', 'libxcb'],
  'libaio.so.1': ['libaio1', 'libaio'],
  'libreadline.so.8': ['libreadline8', 'readline'],
  'libncursesw.so.6': ['libncursesw6', 'ncurses-libs'],
  'libtinfo.so.6': ['libtinfo6', 'ncurses-libs'],
  'libsystemd.so.0': ['libsystemd0', undefined],
  'libdbus-1.so.3': ['libdbus-1-3', 'dbus-libs'],
};

export type PackageFamily = 'apt' | 'apk';

export function packageForSoname(soname: string, family: PackageFamily): string | undefined {
  const hit = Object.hasOwn(SONAMES, soname) ? SONAMES[soname] : undefined;
  if (hit) return family === 'apt' ? hit[0] : hit[1];
  // libpython3.X.so.1.0: only a Debian/Alpine python provides it; official images have their own.
  const py = /^libpython(3\.\d+)\.so\.1\.0$/.exec(soname);
  if (py) return family === 'apt' ? `libpython${py[1]}` : 'python3';
  return undefined;
}

/** All sonames known, for tests and reports. */
export function knownSonames(): string[] {
  return Object.keys(SONAMES);
}
