import { pkgs } from './system-packages.js';
import type { SystemPackages } from './types.js';

/**
 * What we know about widely used packages, for offline verdicts and for the system packages an
 * index cannot tell. "Wheels usually exist" means: for current CPython on x86_64 and aarch64, for
 * recent releases. The index, when reachable, decides availability; this table still supplies the
 * apt (Debian 12) / apk (Alpine) packages, runtime libraries and traps.
 *
 * Build lists name the compiler and the -dev packages. They leave out the Python headers: the
 * official python images ship them in /usr/local/include; only a Debian-python builder (the
 * distroless route) needs PYTHON_HEADERS on top.
 */
export interface NativeEntry {
  reason: string;
  /** Wheels for glibc (manylinux) usually exist. */
  manylinux: boolean;
  /** Wheels for musl (musllinux, Alpine) usually exist. */
  musllinux: boolean;
  /** First release with musllinux wheels: older pins compile on Alpine. */
  musllinuxSince?: string;
  /** A py3-none-any wheel exists too: where no binary wheel fits, pip installs the slower pure one. */
  pureWheel?: boolean;
  /** false: no sdist pip could build (none published, or none that builds in an image): without a wheel it cannot install. */
  sourceBuild?: false;
  /** The package itself is pure Python but loads a system library (ctypes/cffi at run time). */
  pure?: boolean;
  /** What a source build needs. */
  build: SystemPackages;
  /** Needed at run time in every case (the wheel does not vendor it, or there is no wheel). */
  runtime?: SystemPackages;
  /** Needed at run time only when built from source (the wheels vendor these). */
  runtimeIfCompiled?: SystemPackages;
  traps?: string[];
  /** Native packages it installs as dependencies, worth their own verdict. */
  pulls?: string[];
  /** Native packages pulled by an extra (`uvicorn[standard]`). */
  extras?: Record<string, string[]>;
  /** Pulled packages that only releases from this version on depend on. */
  pullsSince?: Record<string, string>;
  /** Extras whose package brings its own copy of `runtime` (psycopg[binary]: libpq in the wheel). */
  runtimeBundledBy?: string[];
}

export interface PureEntry {
  reason: string;
  pulls?: string[];
  extras?: Record<string, string[]>;
  pullsSince?: Record<string, string>;
  traps?: string[];
}

const C = 'gcc libc6-dev';
const C_APK = 'gcc musl-dev';
const CXX = 'g++';
const CXX_APK = 'g++ musl-dev';
const RUST = 'rustc cargo';
const RUST_APK = 'rust cargo';
const RUST_TRAP =
  "without a wheel it builds with Rust; Debian 12's rustc (1.63) is older than recent releases need: install Rust with rustup in the builder";
const BLAS = 'gcc g++ gfortran libopenblas-dev pkg-config';
const BLAS_APK = 'gcc g++ gfortran musl-dev openblas-dev pkgconf';
const BLAS_RUN = pkgs('libopenblas0 libgfortran5', 'openblas libgfortran libstdc++');
const NO_EXT = (env: string) =>
  `if it compiles without a compiler present the build fails; ${env}=1 installs the pure-Python fallback instead`;

export const PYTHON_HEADERS: SystemPackages = pkgs('python3-dev', 'python3-dev');

/** Keys are PEP 503 normalised names. */
export const NATIVE_PACKAGES: Record<string, NativeEntry> = {
  psycopg2: {
    reason: 'sdist only: builds against libpq (pg_config) and links it at run time',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libpq-dev`, `${C_APK} postgresql-dev`),
    runtime: pkgs('libpq5', 'libpq'),
    traps: [
      'psycopg2-binary is meant for development, not production, per its authors (it bundles its own libpq/OpenSSL); build psycopg2, or use psycopg[binary] (psycopg 3)',
    ],
  },
  'psycopg2-binary': {
    reason: 'wheels bundle libpq and OpenSSL',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} libpq-dev`, `${C_APK} postgresql-dev`),
    runtimeIfCompiled: pkgs('libpq5', 'libpq'),
    traps: [
      'its authors advise against psycopg2-binary in production; prefer psycopg2 (compiled) or psycopg 3',
    ],
  },
  psycopg: {
    reason: 'psycopg 3 is pure Python and loads the system libpq at run time unless [binary] or [c] is used',
    manylinux: true,
    musllinux: true,
    pure: true,
    build: pkgs('', ''),
    runtime: pkgs('libpq5', 'libpq'),
    extras: { binary: ['psycopg-binary'], c: ['psycopg-c'] },
    runtimeBundledBy: ['binary'],
    traps: [
      'plain psycopg fails at import with "no pq wrapper available" unless libpq5 is installed or psycopg[binary] is used',
    ],
  },
  'psycopg-binary': {
    reason: 'wheels bundle libpq; there is no sdist',
    manylinux: true,
    musllinux: true,
    sourceBuild: false,
    build: pkgs(`${C} libpq-dev`, `${C_APK} postgresql-dev`),
    traps: ['no sdist: on a Python without a wheel the install fails; use psycopg[c] there'],
  },
  'psycopg-c': {
    reason: 'sdist only: the C implementation of psycopg 3, built against libpq',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libpq-dev`, `${C_APK} postgresql-dev`),
    runtime: pkgs('libpq5', 'libpq'),
  },
  pycrypto: {
    reason: 'sdist only and unmaintained since 2013: always compiled with gcc and the Python headers',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libgmp-dev`, `${C_APK} gmp-dev`),
    runtime: pkgs('libgmp10', 'gmp'),
    traps: [
      'pycrypto is unmaintained since 2013 and has known vulnerabilities (CVE-2013-7459); replace it with pycryptodome, which keeps the Crypto package name',
      'libgmp-dev is optional (faster RSA); without it the build still succeeds',
    ],
  },
  pycryptodome: {
    reason: 'abi3 wheels, self-contained',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
    traps: ['pycryptodome and pycrypto both install the Crypto package: never install both'],
  },
  pycryptodomex: {
    reason: 'abi3 wheels, self-contained (Cryptodome namespace)',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  cryptography: {
    reason:
      'abi3 wheels for glibc and musl bundle OpenSSL; without a wheel it needs Rust, OpenSSL and libffi headers',
    manylinux: true,
    musllinux: true,
    build: pkgs(
      `${C} ${RUST} libssl-dev libffi-dev pkg-config`,
      `${C_APK} ${RUST_APK} openssl-dev libffi-dev pkgconf`,
    ),
    runtimeIfCompiled: pkgs('libssl3', 'libssl3'),
    pulls: ['cffi'],
    traps: [RUST_TRAP, 'recent wheels need glibc >= 2.28 or musl 1.2: very old bases compile instead'],
  },
  cffi: {
    reason: 'wheels vendor libffi',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} libffi-dev`, `${C_APK} libffi-dev`),
    runtimeIfCompiled: pkgs('libffi8', 'libffi'),
  },
  bcrypt: {
    reason: 'abi3 wheels; since 4.0 a source build needs Rust',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST}`, `${C_APK} ${RUST_APK}`),
    traps: [RUST_TRAP],
  },
  pynacl: {
    reason: 'abi3 wheels bundle libsodium',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} make`, `${C_APK} make`),
    pulls: ['cffi'],
    traps: ['SODIUM_INSTALL=system builds against libsodium-dev and then needs libsodium23 at run time'],
  },
  'argon2-cffi-bindings': {
    reason: 'abi3 wheels bundle libargon2',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} libffi-dev`, `${C_APK} libffi-dev`),
    pulls: ['cffi'],
  },
  numpy: {
    reason: 'wheels bundle OpenBLAS; musllinux wheels since 1.25',
    manylinux: true,
    musllinux: true,
    musllinuxSince: '1.25.0',
    build: pkgs(BLAS, BLAS_APK),
    runtimeIfCompiled: BLAS_RUN,
    traps: [
      'on Alpine, pins older than 1.25 compile from source: many minutes, gfortran and OpenBLAS',
      'numpy 2 breaks extensions built for numpy 1.x: old pandas/scipy pins need numpy<2',
    ],
  },
  pandas: {
    reason: 'wheels for glibc; musllinux wheels since about 2.1 (x86_64) / 2.2 (aarch64)',
    manylinux: true,
    musllinux: true,
    musllinuxSince: '2.1.0',
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
    runtimeIfCompiled: pkgs('libstdc++6', 'libstdc++'),
    pulls: ['numpy'],
    traps: ['on Alpine, older pins compile pandas and numpy from source: often 20+ minutes'],
  },
  scipy: {
    reason: 'wheels bundle OpenBLAS and the Fortran runtime; musllinux wheels since 1.11.2',
    manylinux: true,
    musllinux: true,
    musllinuxSince: '1.11.2',
    build: pkgs(BLAS, BLAS_APK),
    runtimeIfCompiled: BLAS_RUN,
    pulls: ['numpy'],
    traps: ['a source build needs gfortran and OpenBLAS and takes a long time'],
  },
  'scikit-learn': {
    reason: 'wheels bundle OpenMP (libgomp)',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
    runtimeIfCompiled: pkgs('libgomp1', 'libgomp'),
    pulls: ['numpy', 'scipy'],
  },
  lxml: {
    reason: 'wheels bundle libxml2 and libxslt; a source build needs their headers',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} libxml2-dev libxslt1-dev`, `${C_APK} libxml2-dev libxslt-dev`),
    runtimeIfCompiled: pkgs('libxml2 libxslt1.1', 'libxml2 libxslt'),
    traps: ['a compiled lxml needs libxml2 and libxslt1.1 in the runtime image'],
  },
  pillow: {
    reason:
      'wheels bundle libjpeg, zlib, libpng, freetype...; a source build needs at least libjpeg and zlib headers',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} libjpeg62-turbo-dev zlib1g-dev`, `${C_APK} jpeg-dev zlib-dev`),
    runtimeIfCompiled: pkgs('libjpeg62-turbo zlib1g', 'libjpeg-turbo zlib'),
    traps: [
      'a source build without libjpeg headers fails ("headers or library files could not be found for jpeg")',
    ],
  },
  mysqlclient: {
    reason: 'no Linux wheels: always compiled against the MariaDB/MySQL client library',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} default-libmysqlclient-dev pkg-config`, `${C_APK} mariadb-connector-c-dev pkgconf`),
    runtime: pkgs('libmariadb3', 'mariadb-connector-c'),
    traps: [
      'mysqlclient >= 2.2 finds the library through pkg-config',
      'PyMySQL is pure Python when speed allows',
    ],
  },
  mariadb: {
    reason: 'MariaDB Connector/Python: no Linux wheels, built against Connector/C (mariadb_config)',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libmariadb-dev`, `${C_APK} mariadb-connector-c-dev`),
    runtime: pkgs('libmariadb3', 'mariadb-connector-c'),
  },
  pyyaml: {
    reason: 'wheels include the libyaml-based loader; the sdist falls back to pure Python without libyaml',
    manylinux: true,
    musllinux: true,
    musllinuxSince: '6.0.1',
    build: pkgs(`${C} libyaml-dev`, `${C_APK} yaml-dev`),
    runtimeIfCompiled: pkgs('libyaml-0-2', 'yaml'),
    traps: ['PyYAML 5.4.1 and 6.0 sdists fail to build with Cython 3 ("cython_sources"): pin >= 6.0.1'],
  },
  ujson: {
    reason: 'wheels for glibc and musl; C/C++ extension',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
  },
  orjson: {
    reason: 'Rust extension with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST}`, `${C_APK} ${RUST_APK}`),
    traps: [RUST_TRAP],
  },
  uvloop: {
    reason: 'wheels bundle libuv',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} make`, `${C_APK} make`),
  },
  httptools: {
    reason: 'wheels bundle llhttp',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  aiohttp: {
    reason: 'C speedups with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
    pulls: ['frozenlist', 'multidict', 'yarl', 'propcache'],
    traps: [NO_EXT('AIOHTTP_NO_EXTENSIONS')],
  },
  frozenlist: {
    reason: 'optional C extension, wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
    traps: [NO_EXT('FROZENLIST_NO_EXTENSIONS')],
  },
  multidict: {
    reason: 'optional C extension, wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
    traps: [NO_EXT('MULTIDICT_NO_EXTENSIONS')],
  },
  yarl: {
    reason: 'optional C extension, wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
    pulls: ['multidict', 'propcache'],
    traps: [NO_EXT('YARL_NO_EXTENSIONS')],
  },
  propcache: {
    reason: 'optional C extension, wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  greenlet: {
    reason: 'C++ extension with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
    runtimeIfCompiled: pkgs('libstdc++6', 'libstdc++'),
  },
  gevent: {
    reason: 'wheels bundle libev, libuv and c-ares',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} make`, `${C_APK} make libffi-dev`),
    pulls: ['greenlet', 'zope-interface'],
    traps: ['a source build takes several minutes'],
  },
  'zope-interface': {
    reason: 'optional C speedups, wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  grpcio: {
    reason: 'large C++ extension; wheels for glibc, musllinux wheels for recent releases',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX} make pkg-config`, `${C_APK} ${CXX_APK} linux-headers make pkgconf`),
    runtimeIfCompiled: pkgs('libstdc++6', 'libstdc++'),
    traps: [
      'compiling grpcio takes 10-30 minutes and gigabytes of RAM; pin a release that has a wheel for your platform',
    ],
  },
  protobuf: {
    reason: 'abi3 wheels with the upb backend for glibc; elsewhere the pure-Python wheel',
    manylinux: true,
    musllinux: false,
    pureWheel: true,
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
    traps: ['on Alpine the pure-Python implementation is used: works, but parsing is several times slower'],
  },
  markupsafe: {
    reason: 'optional C speedups, wheels for glibc and musl; the sdist falls back to pure Python',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  simplejson: {
    reason: 'optional C speedups, wheels for glibc and musl; the sdist falls back to pure Python',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  regex: {
    reason: 'C extension with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  msgpack: {
    reason: 'optional C extension, wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
    traps: [NO_EXT('MSGPACK_PUREPYTHON')],
  },
  'pydantic-core': {
    reason: 'Rust extension (pydantic v2) with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST}`, `${C_APK} ${RUST_APK}`),
    traps: [RUST_TRAP, 'a brand-new Python gets wheels weeks after release: until then it compiles'],
  },
  jiter: {
    reason: 'Rust JSON parser (used by openai, anthropic, pydantic) with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST}`, `${C_APK} ${RUST_APK}`),
    traps: [RUST_TRAP],
  },
  'rpds-py': {
    reason: 'Rust extension (via jsonschema/referencing) with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST}`, `${C_APK} ${RUST_APK}`),
    traps: [RUST_TRAP],
  },
  watchfiles: {
    reason: 'Rust extension (uvicorn[standard]) with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST}`, `${C_APK} ${RUST_APK}`),
    traps: [RUST_TRAP],
  },
  tokenizers: {
    reason: 'Rust extension (Hugging Face) with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST} pkg-config libssl-dev`, `${C_APK} ${RUST_APK} pkgconf openssl-dev`),
    traps: [RUST_TRAP],
  },
  tiktoken: {
    reason: 'Rust extension with wheels for glibc; musllinux wheels only for recent releases',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${RUST}`, `${C_APK} ${RUST_APK}`),
    traps: [RUST_TRAP],
  },
  pyzmq: {
    reason: 'wheels bundle libzmq',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX} cmake libzmq3-dev`, `${C_APK} ${CXX_APK} cmake zeromq-dev`),
    runtimeIfCompiled: pkgs('libzmq5', 'libzmq'),
  },
  psutil: {
    reason: 'wheels for glibc; on musl it usually compiles',
    manylinux: true,
    musllinux: false,
    build: pkgs(C, `${C_APK} linux-headers`),
    traps: ['on Alpine psutil compiles: gcc, musl-dev and linux-headers'],
  },
  lz4: {
    reason: 'wheels bundle liblz4',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  zstandard: {
    reason: 'wheels bundle libzstd',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  brotli: {
    reason: 'wheels bundle the brotli C library',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  cython: {
    reason: 'a build tool with compiled wheels and a pure-Python wheel',
    manylinux: true,
    musllinux: true,
    pureWheel: true,
    build: pkgs(C, C_APK),
    traps: ['rarely needed at run time: keep it in the builder stage only'],
  },
  matplotlib: {
    reason: 'wheels bundle freetype and qhull; musllinux wheels for recent releases',
    manylinux: true,
    musllinux: true,
    build: pkgs(
      `${C} ${CXX} libfreetype6-dev libpng-dev pkg-config`,
      `${C_APK} ${CXX_APK} freetype-dev libpng-dev pkgconf`,
    ),
    runtimeIfCompiled: pkgs('libfreetype6 libpng16-16', 'freetype libpng'),
    pulls: ['numpy', 'pillow', 'kiwisolver', 'contourpy'],
    traps: ['set MPLBACKEND=Agg in headless containers'],
  },
  kiwisolver: {
    reason: 'C++ extension (matplotlib) with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
  },
  contourpy: {
    reason: 'C++ extension (matplotlib) with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
    pulls: ['numpy'],
  },
  h5py: {
    reason: 'wheels for glibc bundle HDF5; no musllinux wheels',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} libhdf5-dev pkg-config`, `${C_APK} hdf5-dev pkgconf`),
    runtimeIfCompiled: pkgs('libhdf5-103-1', 'hdf5'),
    pulls: ['numpy'],
  },
  pyodbc: {
    reason: 'wheels for glibc and musl; ODBC drivers are found through the system unixODBC',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX} unixodbc-dev`, `${C_APK} ${CXX_APK} unixodbc-dev`),
    runtime: pkgs('unixodbc', 'unixodbc'),
    traps: ['the database driver itself (e.g. msodbcsql18) must be installed in the image too'],
  },
  'python-ldap': {
    reason: 'sdist only: built against OpenLDAP and Cyrus SASL',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libldap2-dev libsasl2-dev`, `${C_APK} openldap-dev`),
    runtime: pkgs('libldap-2.5-0 libsasl2-2', 'libldap libsasl'),
  },
  xmlsec: {
    reason: 'built against libxmlsec1 (and lxml) in most setups',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} pkg-config libxmlsec1-dev libxml2-dev`, `${C_APK} pkgconf xmlsec-dev libxml2-dev`),
    runtime: pkgs('libxmlsec1 libxmlsec1-openssl', 'xmlsec'),
    pulls: ['lxml'],
    traps: [
      'xmlsec and lxml must link the same libxml2: "lxml & xmlsec libxml2 library version mismatch" means build lxml from source too (--no-binary lxml)',
    ],
  },
  'python-snappy': {
    reason: 'since 0.7 pure Python on top of cramjam; older versions compile against libsnappy',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} ${CXX} libsnappy-dev`, `${C_APK} ${CXX_APK} snappy-dev`),
    runtimeIfCompiled: pkgs('libsnappy1v5', 'snappy'),
    traps: ['pins older than 0.7 compile and need libsnappy1v5 at run time'],
  },
  gssapi: {
    reason: 'no Linux wheels: built against MIT Kerberos (krb5-config)',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libkrb5-dev`, `${C_APK} krb5-dev`),
    runtime: pkgs('libgssapi-krb5-2', 'krb5-libs'),
  },
  kerberos: {
    reason: 'sdist only: built against MIT Kerberos',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libkrb5-dev`, `${C_APK} krb5-dev`),
    runtime: pkgs('libgssapi-krb5-2', 'krb5-libs'),
  },
  pykerberos: {
    reason: 'sdist only: built against MIT Kerberos',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} libkrb5-dev`, `${C_APK} krb5-dev`),
    runtime: pkgs('libgssapi-krb5-2', 'krb5-libs'),
  },
  pymssql: {
    reason: 'wheels bundle FreeTDS; without one it builds against freetds-dev',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} freetds-dev`, `${C_APK} freetds-dev`),
    runtimeIfCompiled: pkgs('libsybdb5', 'freetds'),
  },
  shapely: {
    reason: 'shapely 2 wheels bundle GEOS; 1.x and source builds use the system libgeos_c',
    manylinux: true,
    musllinux: true,
    build: pkgs(`${C} libgeos-dev`, `${C_APK} geos-dev`),
    runtimeIfCompiled: pkgs('libgeos-c1v5', 'geos'),
    pulls: ['numpy'],
  },
  fiona: {
    reason: 'wheels for glibc bundle GDAL; no musllinux wheels',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} ${CXX} libgdal-dev gdal-bin`, `${C_APK} ${CXX_APK} gdal-dev`),
    runtimeIfCompiled: pkgs('libgdal32', 'gdal'),
  },
  gdal: {
    reason: 'sdist only: the bindings must match the system GDAL version exactly',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} ${CXX} libgdal-dev gdal-bin`, `${C_APK} ${CXX_APK} gdal-dev`),
    runtime: pkgs('libgdal32', 'gdal'),
    traps: ['pin GDAL== the version of libgdal-dev (Debian 12: 3.6.2), or the build fails'],
  },
  pyarrow: {
    reason: 'large wheels bundle Arrow C++ for glibc; no musllinux wheels and a source build needs Arrow C++',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} ${CXX} cmake`, `${C_APK} ${CXX_APK} cmake apache-arrow-dev`),
    pulls: ['numpy'],
    traps: ['on Alpine pyarrow is practically unavailable: use a Debian-based image'],
  },
  torch: {
    reason: 'huge glibc-only wheels (CUDA by default); no musllinux wheels and no sdist on PyPI',
    manylinux: true,
    musllinux: false,
    sourceBuild: false,
    build: pkgs(`${C} ${CXX} cmake`, `${C_APK} ${CXX_APK} cmake`),
    pulls: ['numpy'],
    traps: [
      'the default wheels pull gigabytes of CUDA libraries: for CPU only use --index-url https://download.pytorch.org/whl/cpu',
      'no Alpine support: use a Debian-based image',
    ],
  },
  'opencv-python': {
    reason: 'glibc wheels bundle OpenCV but link the system OpenGL and GLib',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} ${CXX} cmake`, `${C_APK} ${CXX_APK} cmake`),
    runtime: pkgs('libgl1 libglib2.0-0', 'mesa-gl glib'),
    pulls: ['numpy'],
    traps: ['"libGL.so.1: cannot open shared object file": use opencv-python-headless in containers'],
  },
  'opencv-python-headless': {
    reason: 'glibc wheels bundle OpenCV without GUI libraries; no musllinux wheels',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} ${CXX} cmake`, `${C_APK} ${CXX_APK} cmake`),
    pulls: ['numpy'],
    traps: ['a source build on Alpine takes an hour or more'],
  },
  uwsgi: {
    reason: 'sdist only: always compiled (C), links libpcre/libxml2 when present',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} make`, `${C_APK} make linux-headers`),
    traps: ['gunicorn is pure Python and avoids the compile; uWSGI is in maintenance mode'],
  },
  netifaces: {
    reason: 'unmaintained: wheels only for old Pythons, so it compiles',
    manylinux: false,
    musllinux: false,
    build: pkgs(C, C_APK),
    traps: ['netifaces is unmaintained; netifaces-plus or psutil.net_if_addrs() replace it'],
  },
  m2crypto: {
    reason: 'sdist only on Linux: SWIG bindings to OpenSSL',
    manylinux: false,
    musllinux: false,
    build: pkgs(`${C} swig libssl-dev`, `${C_APK} swig openssl-dev`),
    runtime: pkgs('libssl3', 'libssl3'),
  },
  'ruamel-yaml-clib': {
    reason: 'C loader for ruamel.yaml with wheels for glibc and musl',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
    traps: ['ruamel.yaml works without it: it is only the C speedup'],
  },
  wrapt: {
    reason: 'optional C extension, wheels for glibc and musl; falls back to pure Python',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  'charset-normalizer': {
    reason: 'mypyc-compiled wheels plus a pure-Python wheel',
    manylinux: true,
    musllinux: true,
    pureWheel: true,
    build: pkgs(C, C_APK),
  },
  sqlalchemy: {
    reason: 'optional C/Cython speedups with wheels for glibc and musl; pure Python otherwise',
    manylinux: true,
    musllinux: true,
    pureWheel: true,
    build: pkgs(C, C_APK),
    pulls: ['greenlet'],
  },
  websockets: {
    reason: 'optional C speedups with wheels for glibc and musl; falls back to pure Python',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  asyncpg: {
    reason: 'C extension with wheels for glibc and musl; speaks the PostgreSQL protocol itself (no libpq)',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  hiredis: {
    reason: 'wheels bundle hiredis',
    manylinux: true,
    musllinux: true,
    build: pkgs(C, C_APK),
  },
  numba: {
    reason: 'wheels for glibc; no musllinux wheels (depends on llvmlite)',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} ${CXX}`, `${C_APK} ${CXX_APK}`),
    pulls: ['llvmlite', 'numpy'],
  },
  llvmlite: {
    reason: 'wheels for glibc bundle LLVM; no musllinux wheels and a source build needs a matching LLVM',
    manylinux: true,
    musllinux: false,
    build: pkgs(`${C} ${CXX} cmake llvm-dev`, `${C_APK} ${CXX_APK} cmake llvm-dev`),
    traps: ['on Alpine llvmlite practically cannot be built: use a Debian-based image'],
  },
  'python-magic': {
    reason: 'pure Python, loads libmagic through ctypes',
    manylinux: true,
    musllinux: true,
    pure: true,
    build: pkgs('', ''),
    runtime: pkgs('libmagic1', 'libmagic'),
    traps: ['"failed to find libmagic" at import: install libmagic1 in the runtime image'],
  },
  weasyprint: {
    reason: 'pure Python, loads Pango/HarfBuzz through cffi',
    manylinux: true,
    musllinux: true,
    pure: true,
    build: pkgs('', ''),
    runtime: pkgs('libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0', 'pango'),
    pulls: ['cffi'],
  },
};

/** Pure-Python packages with nothing more to say: no native code, nothing the table knows they pull. */
export const PURE_NAMES: readonly string[] = [
  'click',
  'itsdangerous',
  'blinker',
  'starlette',
  'six',
  'attrs',
  'idna',
  'urllib3',
  'packaging',
  'python-dateutil',
  'pytz',
  's3transfer',
  'jmespath',
  'typing-extensions',
  'anyio',
  'sniffio',
  'h11',
  'httpcore',
  'kombu',
  'billiard',
  'vine',
  'amqp',
  'python-dotenv',
  'sqlparse',
  'asgiref',
  'djangorestframework',
  'whitenoise',
  'dj-database-url',
  'oauthlib',
  'requests-oauthlib',
  'markdown',
  'tqdm',
  'rich',
  'pygments',
  'colorama',
  'tabulate',
  'python-multipart',
  'email-validator',
  'dnspython',
  'tenacity',
  'cachetools',
  'google-auth',
  'rsa',
  'pyasn1',
  'pyasn1-modules',
  'openpyxl',
  'et-xmlfile',
  'xlsxwriter',
  'setuptools',
  'wheel',
  'filelock',
  'platformdirs',
  'toml',
  'tomli',
  'pyparsing',
  'decorator',
  'structlog',
  'loguru',
  'marshmallow',
  'flask-login',
  'flask-wtf',
  'flask-cors',
  'sentry-sdk',
  'prometheus-client',
  'arrow',
  'babel',
  'docutils',
  'requests-toolbelt',
  'pytest',
  'async-timeout',
  'aiohappyeyeballs',
  'annotated-types',
];

const PLAIN_PURE: PureEntry = { reason: 'pure Python' };

/** Pure-Python packages with more to say (name → what they pull, their extras, a trap); the rest: PURE_NAMES. */
export const PURE_PACKAGES: Record<string, PureEntry> = {
  flask: { reason: 'pure Python web framework', pulls: ['markupsafe'] },
  django: { reason: 'pure Python web framework' },
  requests: { reason: 'pure Python HTTP client', pulls: ['charset-normalizer'] },
  gunicorn: { reason: 'pure Python WSGI server', extras: { gevent: ['gevent'] } },
  jinja2: { reason: 'pure Python templates', pulls: ['markupsafe'] },
  werkzeug: { reason: 'pure Python', pulls: ['markupsafe'] },
  fastapi: { reason: 'pure Python, but pydantic v2 brings the Rust pydantic-core', pulls: ['pydantic'] },
  uvicorn: {
    reason: 'pure Python ASGI server; its [standard] extra pulls uvloop, httptools and watchfiles',
    extras: { standard: ['uvloop', 'httptools', 'watchfiles', 'websockets', 'pyyaml'] },
  },
  pydantic: {
    reason: 'pure Python; v2 runs on the Rust pydantic-core (v1 does not use it)',
    pulls: ['pydantic-core'],
    pullsSince: { 'pydantic-core': '2' },
  },
  'pydantic-settings': { reason: 'pure Python', pulls: ['pydantic'] },
  certifi: { reason: 'pure Python (CA bundle)' },
  tzdata: { reason: 'pure Python (time zone data)' },
  boto3: { reason: 'pure Python AWS SDK' },
  botocore: { reason: 'pure Python (large: ~100 MB of service models)' },
  httpx: { reason: 'pure Python HTTP client' },
  celery: { reason: 'pure Python task queue' },
  redis: { reason: 'pure Python client; hiredis is an optional speedup', extras: { hiredis: ['hiredis'] } },
  alembic: { reason: 'pure Python', pulls: ['sqlalchemy'] },
  mako: { reason: 'pure Python', pulls: ['markupsafe'] },
  waitress: { reason: 'pure Python WSGI server' },
  pyjwt: {
    reason: 'pure Python; the [crypto] extra pulls cryptography',
    extras: { crypto: ['cryptography'] },
  },
  jsonschema: { reason: 'pure Python; recent versions pull the Rust rpds-py', pulls: ['rpds-py'] },
  referencing: { reason: 'pure Python', pulls: ['rpds-py'] },
  'flask-sqlalchemy': { reason: 'pure Python', pulls: ['sqlalchemy'] },
  wtforms: { reason: 'pure Python', pulls: ['markupsafe'] },
  pymysql: { reason: 'pure Python MySQL client (no libmysqlclient needed)' },
  paramiko: {
    reason: 'pure Python, but pulls bcrypt, cryptography and pynacl',
    pulls: ['bcrypt', 'cryptography', 'pynacl'],
  },
  pyopenssl: { reason: 'pure Python on top of cryptography', pulls: ['cryptography'] },
  passlib: { reason: 'pure Python; [bcrypt] pulls bcrypt', extras: { bcrypt: ['bcrypt'] } },
  'python-jose': {
    reason: 'pure Python; [cryptography] pulls cryptography',
    extras: { cryptography: ['cryptography'] },
  },
  'argon2-cffi': { reason: 'pure Python on top of argon2-cffi-bindings', pulls: ['argon2-cffi-bindings'] },
  eventlet: { reason: 'pure Python, pulls greenlet', pulls: ['greenlet'] },
  openai: { reason: 'pure Python SDK; pulls pydantic and jiter', pulls: ['pydantic', 'jiter'] },
  anthropic: { reason: 'pure Python SDK; pulls pydantic and jiter', pulls: ['pydantic', 'jiter'] },
  transformers: { reason: 'pure Python; pulls tokenizers and safetensors', pulls: ['tokenizers', 'numpy'] },
  'ruamel-yaml': {
    reason: 'pure Python; ruamel.yaml.clib is an optional C loader',
    pulls: ['ruamel-yaml-clib'],
  },
  'mysql-connector-python': { reason: 'pure Python driver with optional C extension wheels' },
  aiosignal: { reason: 'pure Python', pulls: ['frozenlist'] },
};

export function nativeEntry(normalisedName: string): NativeEntry | undefined {
  return Object.hasOwn(NATIVE_PACKAGES, normalisedName) ? NATIVE_PACKAGES[normalisedName] : undefined;
}

const PURE_SET = new Set(PURE_NAMES);

export function pureEntry(normalisedName: string): PureEntry | undefined {
  if (Object.hasOwn(PURE_PACKAGES, normalisedName)) return PURE_PACKAGES[normalisedName];
  return PURE_SET.has(normalisedName) ? PLAIN_PURE : undefined;
}
