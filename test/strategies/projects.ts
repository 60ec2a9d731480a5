import type { Verdict } from '../../src/analysis/types.js';
import type { Dependency, Project } from '../../src/project/types.js';
import { defaultOptions, resolveImages } from '../../src/strategies/index.js';
import type { Options, PlanInput } from '../../src/strategies/types.js';

/** Hand-built inputs: the scanner and the analysis are other modules' business. */

function dep(
  name: string,
  specifier: string,
  file: string,
  line: number,
  extra: Partial<Dependency> = {},
): Dependency {
  return { name, specifier, extras: [], marker: '', source: { file, line }, ...extra };
}

function verdict(
  name: string,
  glibc: Verdict['glibc'],
  musl: Verdict['musl'],
  extra: Partial<Verdict> = {},
): Verdict {
  return {
    name,
    glibc,
    musl,
    buildPackages: { apt: [], apk: [] },
    runtimePackages: { apt: [], apk: [] },
    reason: `${name}: hand-written verdict`,
    source: 'table',
    traps: [],
    ...extra,
  };
}

const noIndex = { extraIndexUrls: [], findLinks: [] };
const flat = { path: '.', source: { file: '.' }, reason: 'flat layout' };
const notInstallable = { reason: 'no [build-system] and no setup.py' };

/** The seeds' Flask 1.1.1 + gunicorn 20.1.0, pure Python, on Python 3.12. */
export const flaskProject: Project = {
  root: '/src/flask-app',
  name: 'flask-app',
  manager: 'pip',
  files: [
    { path: 'requirements.txt', kind: 'requirements' },
    { path: 'Procfile', kind: 'procfile' },
  ],
  python: { version: '3.12', source: { file: 'runtime.txt', line: 1 }, reason: 'from runtime.txt' },
  dependencies: [
    dep('flask', '==1.1.1', 'requirements.txt', 1),
    dep('gunicorn', '==20.1.0', 'requirements.txt', 2),
  ],
  index: noIndex,
  entry: {
    argv: ['gunicorn', 'app:app', '--bind', '0.0.0.0:8000'],
    command: 'gunicorn app:app --bind 0.0.0.0:8000',
    source: { file: 'Procfile', line: 1 },
  },
  entryChoices: [],
  installable: false,
  installReason: notInstallable,
  importRoot: flat,
  groups: [],
  appModules: ['app'],
  localPaths: [],
  warnings: [],
};

export const flaskVerdicts: Verdict[] = [
  verdict('flask', 'pure', 'pure'),
  verdict('gunicorn', 'pure', 'pure'),
];

const libpq = {
  buildPackages: { apt: ['libpq-dev'], apk: ['postgresql-dev'] },
  runtimePackages: { apt: ['libpq5'], apk: ['libpq'] },
};

/** psycopg2 (sdist) + a compile-only C extension of the project's own (vendor/pgfast), on 3.11. */
export const pgProject: Project = {
  root: '/src/pg-app',
  name: 'pg-app',
  manager: 'pip',
  files: [
    { path: 'requirements.txt', kind: 'requirements' },
    { path: 'requirements/base.txt', kind: 'requirements' },
    { path: 'requirements-dev.txt', kind: 'requirements' },
  ],
  python: { version: '3.11', source: { file: '.python-version', line: 1 }, reason: 'from .python-version' },
  dependencies: [
    dep('psycopg2', '==2.9.9', 'requirements/base.txt', 1),
    dep('flask', '==3.0.3', 'requirements/base.txt', 2),
    dep('pgfast', '', 'requirements.txt', 2, { localPath: 'vendor/pgfast' }),
    dep('pytest', '==8.2.0', 'requirements-dev.txt', 2, { group: 'dev' }),
  ],
  index: noIndex,
  entry: {
    argv: ['python', '-m', 'pgapp'],
    command: 'python -m pgapp',
    source: { file: 'pgapp/__main__.py' },
  },
  entryChoices: [],
  installable: false,
  installReason: notInstallable,
  importRoot: flat,
  groups: [],
  appModules: ['pgapp'],
  localPaths: ['vendor/pgfast'],
  warnings: [],
};

export const pgVerdicts: Verdict[] = [
  verdict('psycopg2', 'compile', 'compile', { ...libpq, traps: ['psycopg2-binary exists'] }),
  verdict('pgfast', 'compile', 'compile', libpq),
  verdict('flask', 'pure', 'pure'),
  verdict('pytest', 'pure', 'pure'),
];

/** A Poetry package with a lock, a VCS dependency, numpy and a private http index; no entry. */
export const poetryProject: Project = {
  root: '/src/poetry-app',
  name: 'poetry-app',
  manager: 'poetry',
  files: [
    { path: 'pyproject.toml', kind: 'pyproject' },
    { path: 'poetry.lock', kind: 'poetry-lock' },
  ],
  python: { version: '3.12', source: { file: 'pyproject.toml', line: 9 }, reason: 'from requires-python' },
  dependencies: [
    dep('numpy', '>=1.26,<2.0', 'pyproject.toml', 10, {
      locked: { version: '1.26.4', source: { file: 'poetry.lock', line: 40 } },
    }),
    dep('requests', '>=2.31', 'pyproject.toml', 11, {
      extras: ['socks'],
      marker: 'python_version >= "3.8"',
      locked: { version: '2.32.3', source: { file: 'poetry.lock', line: 80 } },
    }),
    dep('toolkit', '', 'pyproject.toml', 12, { vcsUrl: 'git+https://example.com/toolkit.git@v1.2' }),
  ],
  index: {
    ...noIndex,
    indexUrl: { value: 'http://127.0.0.1:8080/simple', source: { file: 'pyproject.toml', line: 20 } },
  },
  entryChoices: [],
  installable: true,
  installReason: { reason: '[build-system] names the build backend poetry.core.masonry.api' },
  importRoot: flat,
  groups: [],
  appModules: ['poetry_app'],
  localPaths: [],
  warnings: [],
};

export const poetryVerdicts: Verdict[] = [
  verdict('numpy', 'wheel', 'compile', {
    buildPackages: { apt: [], apk: ['openblas-dev', 'gfortran'] },
    runtimePackages: { apt: [], apk: ['openblas'] },
  }),
  verdict('requests', 'pure', 'pure'),
  verdict('toolkit', 'unknown', 'unknown'),
];

export function inputFor(project: Project, verdicts: Verdict[], change: Partial<Options> = {}): PlanInput {
  const images = resolveImages(project.python.version);
  return { project, verdicts, options: { ...defaultOptions(project, verdicts, images), ...change } };
}
