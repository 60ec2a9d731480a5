import { describe, expect, it } from 'vitest';
import { NATIVE_PACKAGES, PURE_NAMES, PURE_PACKAGES, pureEntry } from '../../src/analysis/knowledge-table.js';
import { knownSonames, sonamePackages } from '../../src/analysis/soname-packages.js';
import { normalizeName } from '../../src/project/normalize.js';

const native = Object.entries(NATIVE_PACKAGES);

describe('knowledge table', () => {
  it('has at least 45 native entries, each with a reason and normalised name', () => {
    expect(native.length).toBeGreaterThanOrEqual(45);
    for (const [name, e] of native) {
      expect(name, name).toBe(normalizeName(name));
      expect(e.reason.length, name).toBeGreaterThan(10);
      expect(e.reason, name).not.toContain('\n');
    }
    for (const [name, e] of Object.entries(PURE_PACKAGES)) {
      expect(name).toBe(normalizeName(name));
      expect(e.reason.length, name).toBeGreaterThan(5);
      expect(NATIVE_PACKAGES[name], `${name} is in both tables`).toBeUndefined();
      expect(PURE_NAMES, `${name} is in both pure tables`).not.toContain(name);
    }
    expect(new Set(PURE_NAMES).size).toBe(PURE_NAMES.length);
    for (const name of PURE_NAMES) {
      expect(name).toBe(normalizeName(name));
      expect(NATIVE_PACKAGES[name], `${name} is in both tables`).toBeUndefined();
      expect(pureEntry(name)?.reason, name).toBe('pure Python');
    }
  });

  it('covers the packages the brief and the seeds name', () => {
    const must = [
      'psycopg2',
      'psycopg2-binary',
      'psycopg',
      'psycopg-binary',
      'pycrypto',
      'pycryptodome',
      'cryptography',
      'cffi',
      'bcrypt',
      'pynacl',
      'numpy',
      'pandas',
      'scipy',
      'scikit-learn',
      'lxml',
      'pillow',
      'mysqlclient',
      'pyyaml',
      'ujson',
      'orjson',
      'uvloop',
      'httptools',
      'aiohttp',
      'frozenlist',
      'multidict',
      'yarl',
      'greenlet',
      'gevent',
      'grpcio',
      'protobuf',
      'markupsafe',
      'simplejson',
      'regex',
      'msgpack',
      'pydantic-core',
      'pyzmq',
      'psutil',
      'lz4',
      'zstandard',
      'brotli',
      'cython',
      'matplotlib',
      'h5py',
      'pyodbc',
      'python-ldap',
      'xmlsec',
      'python-snappy',
      'gssapi',
      'kerberos',
      'mariadb',
      'pymssql',
      'shapely',
      'fiona',
      'gdal',
      'tokenizers',
      'torch',
      'uwsgi',
      'netifaces',
      'm2crypto',
      'ruamel-yaml-clib',
      'wrapt',
      'charset-normalizer',
      'rpds-py',
      'jiter',
    ];
    expect(must.filter((n) => !NATIVE_PACKAGES[n])).toEqual([]);
    const pure = [
      'flask',
      'django',
      'requests',
      'gunicorn',
      'click',
      'jinja2',
      'werkzeug',
      'itsdangerous',
      'fastapi',
      'starlette',
      'uvicorn',
      'six',
      'attrs',
      'idna',
      'certifi',
      'urllib3',
      'packaging',
      'python-dateutil',
      'pytz',
      'boto3',
      'botocore',
    ];
    expect(pure.filter((n) => !pureEntry(n))).toEqual([]);
  });

  it('keeps system packages consistent', () => {
    for (const [name, e] of native) {
      if (e.pure) continue;
      // Anything that can compile names a compiler for both families.
      expect(
        e.build.apt.some((p) => p === 'gcc' || p === 'g++'),
        name,
      ).toBe(true);
      expect(
        e.build.apk.some((p) => p === 'gcc' || p === 'g++'),
        name,
      ).toBe(true);
      if (e.build.apk.includes('gcc')) expect(e.build.apk, name).toContain('musl-dev');
      // sdist-only packages need their libraries at run time in every case.
      if (!e.manylinux && (e.runtimeIfCompiled?.apt.length ?? 0) > 0)
        expect.fail(`${name}: use runtime, not runtimeIfCompiled`);
    }
    expect(NATIVE_PACKAGES.psycopg2!.runtime).toEqual({ apt: ['libpq5'], apk: ['libpq'] });
    expect(NATIVE_PACKAGES.lxml!.runtimeIfCompiled?.apt).toEqual(['libxml2', 'libxslt1.1']);
    expect(NATIVE_PACKAGES.pillow!.runtimeIfCompiled?.apt).toEqual(['libjpeg62-turbo', 'zlib1g']);
  });

  it('every pulled-in name is itself in a table', () => {
    const all = { ...NATIVE_PACKAGES, ...PURE_PACKAGES };
    for (const [name, e] of Object.entries(all)) {
      const pulled = [...(e.pulls ?? []), ...Object.values(e.extras ?? {}).flat()];
      for (const p of pulled) expect(all[p] ?? pureEntry(p), `${name} pulls ${p}`).toBeDefined();
    }
  });
});

describe('soname → package', () => {
  it('maps the common missing libraries for Debian and Alpine', () => {
    expect(knownSonames().length).toBeGreaterThanOrEqual(40);
    const apt = (soname: string) => sonamePackages(soname)?.apt[0];
    expect(sonamePackages('libpq.so.5')).toEqual({ apt: ['libpq5'], apk: ['libpq'] });
    expect(apt('libxslt.so.1')).toBe('libxslt1.1');
    expect(apt('libjpeg.so.62')).toBe('libjpeg62-turbo');
    expect(apt('libcrypto.so.3')).toBe('libssl3');
    expect(apt('libgeos_c.so.1')).toBe('libgeos-c1v5');
    expect(apt('libldap-2.5.so.0')).toBe('libldap-2.5-0');
    expect(apt('libpython3.11.so.1.0')).toBe('libpython3.11');
    expect(sonamePackages('libnothing.so.9')).toBeUndefined();
    expect(sonamePackages('libldap-2.5.so.0')?.apk).toEqual([]);
  });
});
