import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { createIndexClient } from '../../src/analysis/index-client.js';
import type { Verdict } from '../../src/analysis/types.js';
import type { Dependency, Project } from '../../src/project/types.js';
import { html, simplePage, startIndexServer } from './index-server.js';

const dep = (name: string, specifier = '', more: Partial<Dependency> = {}): Dependency => ({
  name,
  specifier,
  extras: [],
  marker: '',
  source: { file: 'requirements.txt', line: 1 },
  ...more,
});

const project = (dependencies: Dependency[]): Project => ({
  root: '/tmp/app',
  name: 'app',
  manager: 'pip',
  files: [{ path: 'requirements.txt', kind: 'requirements' }],
  python: { version: '3.12', source: { file: '.python-version', line: 1 }, reason: 'from .python-version' },
  dependencies,
  index: { extraIndexUrls: [], findLinks: [] },
  entryChoices: [],
  installable: false,
  installReason: { reason: 'no [build-system]' },
  importRoot: { path: '.', source: { file: '.' }, reason: 'flat layout' },
  groups: [],
  appModules: ['app'],
  localPaths: [],
  warnings: [],
});

const target = { python: '3.12', arch: 'x86_64' as const };
const byName = (vs: Verdict[], name: string) => vs.find((v) => v.name === name)!;

const SEEDS = project([
  dep('psycopg2', '==2.9.9'),
  dep('pycrypto', '==2.6.1'),
  dep('flask', '==1.1.1'),
  dep('gunicorn', '==20.1.0'),
  dep('totally-unknown-pkg'),
  dep('pytest', '', { group: 'dev' }),
  dep('pywin32', '', { marker: 'sys_platform == "win32"' }),
  dep('pandas', '==1.5.3'),
  dep('uvicorn', '', { extras: ['standard'] }),
  dep('mylib', '', { localPath: './libs/mylib', editable: true }),
  dep('psycopg2', '>=2'), // listed twice (requirements + constraints): one verdict
]);

describe('analyse offline (built-in table)', () => {
  it('judges the seed projects and says it used the table', async () => {
    const { verdicts, notes } = await analyse(SEEDS, { target, offline: true });
    expect(notes.join('\n')).toContain('offline: verdicts from the built-in table');

    const psycopg2 = byName(verdicts, 'psycopg2');
    expect(psycopg2).toMatchObject({ glibc: 'compile', musl: 'compile', source: 'table', version: '2.9.9' });
    expect(psycopg2.buildPackages.apt).toEqual(expect.arrayContaining(['gcc', 'libpq-dev']));
    expect(psycopg2.buildPackages.apk).toEqual(expect.arrayContaining(['gcc', 'musl-dev', 'postgresql-dev']));
    expect(psycopg2.runtimePackages).toEqual({ apt: ['libpq5'], apk: ['libpq'] });
    expect(psycopg2.traps.join(' ')).toContain('psycopg2-binary');

    const pycrypto = byName(verdicts, 'pycrypto');
    expect(pycrypto).toMatchObject({ glibc: 'compile', musl: 'compile' });
    expect(pycrypto.traps.join(' ')).toContain('pycryptodome');

    expect(byName(verdicts, 'flask')).toMatchObject({
      glibc: 'pure',
      musl: 'pure',
      buildPackages: { apt: [], apk: [] },
    });
    expect(byName(verdicts, 'gunicorn')).toMatchObject({ glibc: 'pure', musl: 'pure' });
    const unknown = byName(verdicts, 'totally-unknown-pkg');
    expect(unknown).toMatchObject({ glibc: 'unknown', musl: 'unknown' });
    expect(unknown.reason).toContain('not in the built-in table');

    // pandas 1.5.3 predates musllinux wheels: Alpine compiles it (and numpy comes along).
    expect(byName(verdicts, 'pandas')).toMatchObject({ glibc: 'wheel', musl: 'compile' });
    expect(byName(verdicts, 'pandas').buildPackages.apt).toEqual([]);
    expect(byName(verdicts, 'numpy')).toMatchObject({ via: 'pandas', glibc: 'wheel' });
    expect(byName(verdicts, 'uvloop')).toMatchObject({
      via: 'uvicorn[standard]',
      glibc: 'wheel',
      musl: 'wheel',
    });

    expect(byName(verdicts, 'mylib')).toMatchObject({
      glibc: 'unknown',
      reason: 'local path: built from source in the builder',
    });
    expect(verdicts.filter((v) => v.name === 'psycopg2')).toHaveLength(1);
    expect(verdicts.find((v) => v.name === 'pytest')).toBeUndefined();
    expect(verdicts.find((v) => v.name === 'pywin32')).toBeUndefined();
    expect(notes.join('\n')).toContain('pywin32: skipped');
  });

  it('can leave out what dependencies pull in', async () => {
    const { verdicts } = await analyse(SEEDS, { target, offline: true, transitive: false });
    expect(verdicts.map((v) => v.name)).toEqual([
      'psycopg2',
      'pycrypto',
      'flask',
      'gunicorn',
      'totally-unknown-pkg',
      'pandas',
      'uvicorn',
      'mylib',
    ]);
  });

  it('names up to 20 unjudged packages in its note and counts the rest; what the table pulls in is judged once each', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => dep(`gen-${i}`, '>=1'));
    const { verdicts, notes } = await analyse(project([...many, dep('pandas'), dep('scipy')]), {
      target,
      offline: true,
    });
    const note = notes.find((n) => n.startsWith('no verdict for'))!;
    expect(note).toContain('gen-0, gen-1,');
    expect(note).toContain('gen-19 and 4980 more: nothing tells');
    expect(note).not.toContain('gen-20');
    expect(verdicts.filter((v) => v.name === 'numpy')).toHaveLength(1);
  });

  it('VCS dependencies build from source and need git', async () => {
    const { verdicts } = await analyse(
      project([dep('psycopg2', '', { vcsUrl: 'git+https://github.com/psycopg/psycopg2@2_9_9' })]),
      { target, offline: true },
    );
    expect(verdicts[0]).toMatchObject({ glibc: 'compile', musl: 'compile' });
    expect(verdicts[0]!.buildPackages.apt).toEqual(expect.arrayContaining(['git', 'libpq-dev']));
  });
});

describe('analyse with a real index', () => {
  let server: Awaited<ReturnType<typeof startIndexServer>>;
  beforeAll(async () => {
    server = await startIndexServer({
      '/simple/psycopg2/': html(
        simplePage(['psycopg2-2.9.9.tar.gz', 'psycopg2-2.9.9-cp312-cp312-win_amd64.whl']),
      ),
      '/simple/flask/': html(simplePage(['flask-3.1.3-py3-none-any.whl', 'flask-3.1.3.tar.gz'])),
      '/simple/numpy/': html(
        simplePage([
          'numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
          'numpy-1.26.4.tar.gz',
        ]),
      ),
      '/simple/cryptography/': html(
        simplePage([
          'cryptography-42.0.5-cp39-abi3-manylinux_2_28_x86_64.whl',
          'cryptography-42.0.5-cp39-abi3-musllinux_1_2_x86_64.whl',
          'cryptography-42.0.5.tar.gz',
        ]),
      ),
      '/simple/lxml/': html(simplePage(['lxml-5.2.2.tar.gz'])),
      '/simple/cffi/': html(simplePage(['cffi-1.16.0.tar.gz'])),
      '/simple/obscure-native/': html(simplePage(['obscure_native-0.1.tar.gz'])),
    });
  });
  afterAll(async () => server?.close());

  it('uses the files the index really serves, with the table for system packages', async () => {
    const index = createIndexClient(`${server.base}/simple/`);
    const p = project([
      dep('psycopg2'),
      dep('flask'),
      dep('numpy'),
      dep('cryptography'),
      dep('obscure-native'),
      dep('nope'),
      dep('lxml', '==4.9.3'),
    ]);
    const { verdicts, notes } = await analyse(p, { index, target, offline: false });
    expect(notes.filter((n) => n.includes('unreachable'))).toEqual([]);

    const psycopg2 = byName(verdicts, 'psycopg2');
    expect(psycopg2).toMatchObject({ glibc: 'compile', musl: 'compile', source: 'index', version: '2.9.9' });
    expect(psycopg2.buildPackages.apt).toContain('libpq-dev');
    expect(psycopg2.runtimePackages.apt).toEqual(['libpq5']);

    expect(byName(verdicts, 'flask')).toMatchObject({ glibc: 'pure', musl: 'pure', source: 'index' });

    // numpy: glibc wheel; this index has no musllinux wheel, so Alpine builds the sdist with BLAS.
    const numpy = byName(verdicts, 'numpy');
    expect(numpy).toMatchObject({ glibc: 'wheel', musl: 'compile', source: 'index' });
    expect(numpy.buildPackages).toMatchObject({
      apt: [],
      apk: expect.arrayContaining(['gfortran', 'openblas-dev']),
    });
    expect(numpy.runtimePackages.apk).toContain('openblas');

    expect(byName(verdicts, 'cryptography')).toMatchObject({
      glibc: 'wheel',
      musl: 'wheel',
      source: 'index',
    });
    // cffi is pulled in by cryptography; this index only has its sdist.
    expect(byName(verdicts, 'cffi')).toMatchObject({ via: 'cryptography', glibc: 'compile' });
    expect(byName(verdicts, 'cffi').runtimePackages.apt).toEqual(['libffi8']);

    const obscure = byName(verdicts, 'obscure-native');
    expect(obscure).toMatchObject({
      glibc: 'compile',
      source: 'index',
      buildPackages: { apt: ['gcc', 'libc6-dev'] },
    });

    // A pin the index does not have: table verdict, and a warning that pip will not find it.
    const lxml = byName(verdicts, 'lxml');
    expect(lxml).toMatchObject({ source: 'table', glibc: 'wheel' });
    expect(lxml.traps.join(' ')).toContain('lxml 4.9.3 is not on');

    const nope = byName(verdicts, 'nope');
    expect(nope).toMatchObject({ glibc: 'unknown', source: 'table' });
    expect(nope.traps.join(' ')).toContain('not on');
  });

  it('falls back to the table with a note when the index is unreachable', async () => {
    const gone = await startIndexServer({});
    await gone.close();
    const index = createIndexClient(`${gone.base}/simple/`);
    const { verdicts, notes } = await analyse(project([dep('psycopg2'), dep('flask')]), {
      index,
      target,
      offline: false,
    });
    expect(notes.join('\n')).toMatch(
      /index http:\/\/127\.0\.0\.1:\d+\/simple\/ unreachable \(ECONNREFUSED\): verdicts from the built-in table/,
    );
    expect(verdicts.every((v) => v.source === 'table')).toBe(true);
    expect(byName(verdicts, 'psycopg2').glibc).toBe('compile');
  });

  it('offline never asks the index', async () => {
    const index = createIndexClient(`${server.base}/simple/`);
    const before = server.seen.length;
    await analyse(project([dep('numpy')]), { index, target, offline: true });
    expect(server.seen.length).toBe(before);
  });
});

describe.skipIf(!existsSync('/opt/pypi/simple/numpy/index.html'))(
  'analyse against the machine mirror (file://)',
  () => {
    it('numpy and pandas get cp311 glibc wheels; psycopg2 is not there', async () => {
      const index = createIndexClient('file:///opt/pypi/simple');
      const { verdicts } = await analyse(project([dep('numpy'), dep('pandas'), dep('psycopg2')]), {
        index,
        target: { python: '3.11', arch: 'x86_64' },
        offline: false,
      });
      expect(byName(verdicts, 'numpy')).toMatchObject({ glibc: 'wheel', source: 'index' });
      expect(byName(verdicts, 'pandas')).toMatchObject({ glibc: 'wheel', source: 'index' });
      expect(byName(verdicts, 'psycopg2')).toMatchObject({ glibc: 'compile', source: 'table' });
    });
  },
);
