import { pkgs } from './system-packages.js';
import type { SystemPackages } from './types.js';

/**
 * C headers (as a compiler names them when missing) → the Debian and Alpine packages that ship
 * them. A failed build whose log says `fatal error: libpq-fe.h: No such file or directory` can then
 * be retried with the right -dev package instead of leaving the user to search for it.
 */
const HEADERS: Record<string, SystemPackages> = {
  'libpq-fe.h': pkgs('libpq-dev', 'postgresql-dev'),
  pg_config: pkgs('libpq-dev', 'postgresql-dev'),
  'Python.h': pkgs('python3-dev', 'python3-dev'),
  'ffi.h': pkgs('libffi-dev', 'libffi-dev'),
  'openssl/ssl.h': pkgs('libssl-dev', 'openssl-dev'),
  'openssl/opensslv.h': pkgs('libssl-dev', 'openssl-dev'),
  'zlib.h': pkgs('zlib1g-dev', 'zlib-dev'),
  'jpeglib.h': pkgs('libjpeg-dev', 'jpeg-dev'),
  'png.h': pkgs('libpng-dev', 'libpng-dev'),
  'ft2build.h': pkgs('libfreetype-dev', 'freetype-dev'),
  'libxml/xmlversion.h': pkgs('libxml2-dev', 'libxml2-dev'),
  'libxml/parser.h': pkgs('libxml2-dev', 'libxml2-dev'),
  'libxslt/xsltconfig.h': pkgs('libxslt1-dev', 'libxslt-dev'),
  'mysql.h': pkgs('default-libmysqlclient-dev', 'mariadb-dev'),
  'mysql/mysql.h': pkgs('default-libmysqlclient-dev', 'mariadb-dev'),
  'sql.h': pkgs('unixodbc-dev', 'unixodbc-dev'),
  'lber.h': pkgs('libldap2-dev', 'openldap-dev'),
  'ldap.h': pkgs('libldap2-dev', 'openldap-dev'),
  'sasl/sasl.h': pkgs('libsasl2-dev', 'cyrus-sasl-dev'),
  'yaml.h': pkgs('libyaml-dev', 'yaml-dev'),
  'zmq.h': pkgs('libzmq3-dev', 'zeromq-dev'),
  'krb5.h': pkgs('libkrb5-dev', 'krb5-dev'),
  'gssapi/gssapi.h': pkgs('libkrb5-dev', 'krb5-dev'),
  'gmp.h': pkgs('libgmp-dev', 'gmp-dev'),
  'bzlib.h': pkgs('libbz2-dev', 'bzip2-dev'),
  'lzma.h': pkgs('liblzma-dev', 'xz-dev'),
  'sqlite3.h': pkgs('libsqlite3-dev', 'sqlite-dev'),
  'uuid/uuid.h': pkgs('uuid-dev', 'util-linux-dev'),
  'hdf5.h': pkgs('libhdf5-dev', 'hdf5-dev'),
  'geos_c.h': pkgs('libgeos-dev', 'geos-dev'),
  'gdal.h': pkgs('libgdal-dev', 'gdal-dev'),
  'xmlsec/xmlsec.h': pkgs('libxmlsec1-dev', 'xmlsec-dev'),
  'snappy-c.h': pkgs('libsnappy-dev', 'snappy-dev'),
  'cblas.h': pkgs('libopenblas-dev', 'openblas-dev'),
  'curl/curl.h': pkgs('libcurl4-openssl-dev', 'curl-dev'),
  'magic.h': pkgs('libmagic-dev', 'file-dev'),
};

/** The packages that ship a header, for both families; undefined when the table does not know it. */
export function headerPackages(header: string): SystemPackages | undefined {
  return Object.hasOwn(HEADERS, header) ? HEADERS[header] : undefined;
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
