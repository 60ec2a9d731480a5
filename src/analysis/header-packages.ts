/**
 * C headers (as a compiler names them when missing) → the Debian and Alpine packages that ship
 * them. A failed build whose log says `fatal error: libpq-fe.h: No such file or directory` can then
 * be retried with the right -dev package instead of leaving the user to search for it.
 */
const HEADERS: Record<string, { apt: string; apk: string }> = {
  'libpq-fe.h': { apt: 'libpq-dev', apk: 'postgresql-dev' },
  pg_config: { apt: 'libpq-dev', apk: 'postgresql-dev' },
  'Python.h': { apt: 'python3-dev', apk: 'python3-dev' },
  'ffi.h': { apt: 'libffi-dev', apk: 'libffi-dev' },
  'openssl/ssl.h': { apt: 'libssl-dev', apk: 'openssl-dev' },
  'openssl/opensslv.h': { apt: 'libssl-dev', apk: 'openssl-dev' },
  'zlib.h': { apt: 'zlib1g-dev', apk: 'zlib-dev' },
  'jpeglib.h': { apt: 'libjpeg-dev', apk: 'jpeg-dev' },
  'png.h': { apt: 'libpng-dev', apk: 'libpng-dev' },
  'ft2build.h': { apt: 'libfreetype-dev', apk: 'freetype-dev' },
  'libxml/xmlversion.h': { apt: 'libxml2-dev', apk: 'libxml2-dev' },
  'libxml/parser.h': { apt: 'libxml2-dev', apk: 'libxml2-dev' },
  'libxslt/xsltconfig.h': { apt: 'libxslt1-dev', apk: 'libxslt-dev' },
  'mysql.h': { apt: 'default-libmysqlclient-dev', apk: 'mariadb-dev' },
  'mysql/mysql.h': { apt: 'default-libmysqlclient-dev', apk: 'mariadb-dev' },
  'sql.h': { apt: 'unixodbc-dev', apk: 'unixodbc-dev' },
  'lber.h': { apt: 'libldap2-dev', apk: 'openldap-dev' },
  'ldap.h': { apt: 'libldap2-dev', apk: 'openldap-dev' },
  'sasl/sasl.h': { apt: 'libsasl2-dev', apk: 'cyrus-sasl-dev' },
  'yaml.h': { apt: 'libyaml-dev', apk: 'yaml-dev' },
  'zmq.h': { apt: 'libzmq3-dev', apk: 'zeromq-dev' },
  'krb5.h': { apt: 'libkrb5-dev', apk: 'krb5-dev' },
  'gssapi/gssapi.h': { apt: 'libkrb5-dev', apk: 'krb5-dev' },
  'gmp.h': { apt: 'libgmp-dev', apk: 'gmp-dev' },
  'bzlib.h': { apt: 'libbz2-dev', apk: 'bzip2-dev' },
  'lzma.h': { apt: 'liblzma-dev', apk: 'xz-dev' },
  'sqlite3.h': { apt: 'libsqlite3-dev', apk: 'sqlite-dev' },
  'uuid/uuid.h': { apt: 'uuid-dev', apk: 'util-linux-dev' },
  'hdf5.h': { apt: 'libhdf5-dev', apk: 'hdf5-dev' },
  'geos_c.h': { apt: 'libgeos-dev', apk: 'geos-dev' },
  'gdal.h': { apt: 'libgdal-dev', apk: 'gdal-dev' },
  'xmlsec/xmlsec.h': { apt: 'libxmlsec1-dev', apk: 'xmlsec-dev' },
  'snappy-c.h': { apt: 'libsnappy-dev', apk: 'snappy-dev' },
  'cblas.h': { apt: 'libopenblas-dev', apk: 'openblas-dev' },
  'curl/curl.h': { apt: 'libcurl4-openssl-dev', apk: 'curl-dev' },
  'magic.h': { apt: 'libmagic-dev', apk: 'file-dev' },
};

export function packageForHeader(header: string, family: 'apt' | 'apk'): string | undefined {
  return HEADERS[header]?.[family];
}

/** What a build log says is missing: headers (`fatal error: x.h: No such file`) and pg_config. */
export function missingHeaders(log: readonly string[]): string[] {
  const found = new Set<string>();
  for (const line of log) {
    const m = /fatal error: ([\w./+-]+\.h): No such file or directory/.exec(line);
    if (m?.[1]) found.add(m[1]);
    if (/pg_config executable not found|pg_config: not found/.test(line)) found.add('pg_config');
  }
  return [...found];
}
