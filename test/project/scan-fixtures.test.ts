import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import type { Project } from '../../src/project/types.js';
import { FIXTURES } from './temp-project.js';

const scan = (name: string) => scanProject(path.join(FIXTURES, name));
const deps = (p: Project) =>
  p.dependencies.map((d) => `${d.name}${d.specifier}${d.group ? ` (${d.group})` : ''}`);

describe('scanProject on the fixture projects', () => {
  it('pycrypto', async () => {
    const p = await scan('pycrypto');
    expect(p.manager).toBe('pip');
    expect(p.dependencies).toEqual([
      {
        name: 'pycrypto',
        specifier: '==2.6.1',
        extras: [],
        marker: '',
        source: { file: 'requirements.txt', line: 1 },
      },
    ]);
    expect(p.python).toEqual({
      version: '3.13',
      source: { file: '(default)' },
      reason:
        'no version declared; 3.13, a stable release every common package ships wheels for (pin yours in .python-version)',
    });
    expect(p.entry?.argv).toEqual(['python', 'app.py']);
    expect(p.appModules).toEqual(['app']);
  });

  it('crypto-aiohttp', async () => {
    const p = await scan('crypto-aiohttp');
    expect(deps(p)).toEqual(['cryptography>=42.0.5', 'aiohttp==3.9.5']);
    expect(p.dependencies[0]?.source).toEqual({ file: 'requirements.txt', line: 2 });
    expect(p.entry?.argv).toEqual(['python', 'server.py']);
  });

  it('flask-gunicorn: gunicorn serves the Flask app', async () => {
    const p = await scan('flask-gunicorn');
    expect(deps(p)).toEqual(['flask==1.1.1', 'gunicorn==20.1.0']);
    // gunicorn binds 0.0.0.0:$PORT itself when PORT is set: the image sets it, no --bind needed.
    expect(p.entry).toEqual({
      argv: ['gunicorn', 'app:app'],
      command: 'gunicorn app:app',
      source: { file: 'app.py', line: 3 },
      reason: 'Flask app `app` in app.py:3 and gunicorn (requirements.txt:2) in the dependencies',
      port: 8000,
      guessed: true,
    });
    expect(p.importRoot).toMatchObject({
      path: '.',
      reason: 'flat layout: the app imports from the project root',
    });
  });

  it('numpy-pandas', async () => {
    const p = await scan('numpy-pandas');
    expect(deps(p)).toEqual(['numpy==1.26.4', 'pandas==2.2.2']);
  });

  it('django-psycopg2: gunicorn mysite.wsgi', async () => {
    const p = await scan('django-psycopg2');
    expect(deps(p)).toEqual(['django==4.2.11', 'psycopg2==2.9.9', 'gunicorn==21.2.0']);
    expect(p.entry?.argv).toEqual(['gunicorn', 'mysite.wsgi']);
    expect(p.entry?.source).toEqual({ file: 'manage.py', line: 9 });
    expect(p.entry?.reason).toBe(
      'Django project mysite (manage.py) with gunicorn (requirements.txt:3): mysite.wsgi',
    );
    expect(p.importRoot).toMatchObject({ path: '.', reason: 'Django project: manage.py at the root' });
    expect(p.appModules).toEqual(['mysite']);
  });

  it('pep621-pyver: PEP 621, .python-version, [project.scripts]', async () => {
    const p = await scan('pep621-pyver');
    expect(p.manager).toBe('pep621');
    expect(p.name).toBe('pep621-pyver');
    expect(p.python).toEqual({
      version: '3.12',
      source: { file: '.python-version', line: 1 },
      reason: 'from .python-version',
    });
    expect(deps(p)).toEqual([
      'rich>=13.7,<14',
      'httpx~=0.27.0',
      'tomli>=2.0.1',
      'pytest>=8 (dev)',
      'ruff==0.4.4 (dev)',
    ]);
    expect(p.entry).toMatchObject({ argv: ['pyver-table'], source: { file: 'pyproject.toml', line: 25 } });
    expect(p.installable).toBe(true);
    expect(p.appModules).toEqual(['pep621_pyver']);
    expect(p.warnings).toEqual([]);
  });

  it('poetry-app: caret/tilde translated, poetry.lock versions, python from ^3.11', async () => {
    const p = await scan('poetry-app');
    expect(p.manager).toBe('poetry');
    // ^3.11 is >=3.11,<4: the newest that allows.
    expect(p.python.version).toBe('3.14');
    expect(p.python.reason).toContain("'^3.11'");
    const fastapi = p.dependencies.find((d) => d.name === 'fastapi');
    expect(fastapi).toMatchObject({
      specifier: '>=0.110.0,<0.111.0',
      source: { file: 'pyproject.toml', line: 10 },
      locked: { version: '0.110.1', source: { file: 'poetry.lock', line: 4 } },
    });
    expect(p.dependencies.find((d) => d.name === 'mypy')?.group).toBe('dev');
    // The FastAPI app under uvicorn honours $PORT; the `orders` script (port 8000 in code) is a choice.
    expect(p.entry?.argv).toEqual(['uvicorn', 'poetry_app.main:app', '--host', '0.0.0.0', '--port', '$PORT']);
    expect(p.entryChoices.map((e) => e.command)).toContain('orders');
    expect(p.installable).toBe(true);
    expect(p.installReason.reason).toBe('[build-system] names the build backend poetry.core.masonry.api');
    expect(p.files.map((f) => f.kind)).toEqual(['pyproject', 'poetry-lock']);
  });

  it('pipfile-app: Pipfile + Pipfile.lock, python_version', async () => {
    const p = await scan('pipfile-app');
    expect(p.manager).toBe('pipenv');
    expect(p.python).toMatchObject({ version: '3.10', source: { file: 'Pipfile', line: 16 } });
    expect(p.dependencies.find((d) => d.name === 'lxml')?.locked?.version).toBe('5.2.1');
    expect(p.dependencies.find((d) => d.name === 'pytest')?.group).toBe('dev');
  });

  it('uv-app: uv.lock, requires-python, uvicorn entry', async () => {
    const p = await scan('uv-app');
    expect(p.manager).toBe('uv');
    expect(p.python).toMatchObject({ version: '3.14', source: { file: 'pyproject.toml', line: 5 } });
    expect(deps(p)).toEqual([
      'fastapi>=0.111',
      'uvicorn>=0.30',
      'orjson>=3.10',
      'pytest>=8.2 (dev)',
      'ruff>=0.5 (lint)',
    ]);
    expect(p.dependencies[0]?.locked).toEqual({ version: '0.111.1', source: { file: 'uv.lock', line: 14 } });
    expect(p.entry?.argv).toEqual(['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '$PORT']);
    expect(p.entry?.command).toBe('uvicorn main:app --host 0.0.0.0 --port $PORT');
    expect(p.installable).toBe(false);
  });

  it('req-includes: local paths, index, warnings', async () => {
    const p = await scan('req-includes');
    expect(p.localPaths).toEqual(['libs/shared-utils', 'wheels']);
    expect(p.index.indexUrl?.value).toBe('https://pypi.internal.example.com/simple/');
    expect(p.dependencies.find((d) => d.name === 'six')?.locked?.version).toBe('1.16.0');
    expect(p.warnings.map((w) => w.message)).toEqual([
      'not read (not included by requirements.txt): requirements-dev.txt',
      'VCS dependencies need git in the build stage',
    ]);
  });

  it('e2e-writeup: the write-up layout, a Flask app in src/server.py', async () => {
    const p = await scan('e2e-writeup');
    expect(p.importRoot).toEqual({
      path: 'src',
      source: { file: 'src/server.py' },
      reason: "src/ holds the app's modules (src/server.py), imported from src/",
    });
    expect(p.appModules).toEqual(['server']);
    expect(p.entry).toMatchObject({
      argv: ['gunicorn', 'server:server'],
      cwd: 'src',
      port: 8000,
      source: { file: 'src/server.py', line: 3 },
    });
    // The development server of its __main__ block is a choice too, below gunicorn.
    expect(p.entryChoices.map((e) => e.command)).toEqual(['gunicorn server:server', 'python server.py']);
  });

  it.each([
    ['e2e-pure', ['flask>=3.0', 'gunicorn>=22.0'], ['gunicorn', 'app:app']],
    ['e2e-cext', ['cfastsum==0.1.0'], ['python', 'app.py']],
    ['e2e-libpq', ['pqversion==0.1.0'], ['python', 'app.py']],
  ])('%s', async (name, want, argv) => {
    const p = await scan(name);
    expect(deps(p)).toEqual(want);
    expect(p.entry?.argv).toEqual(argv);
    expect(p.python.version).toBe('3.11');
    expect(p.appModules).toEqual(['app']);
  });

  it('e2e-default: no version declared, so the default Python', async () => {
    const p = await scan('e2e-default');
    expect(deps(p)).toEqual(['gunicorn>=22.0', 'puregreet==0.1.0']);
    expect(p.entry?.argv).toEqual(['gunicorn', 'app:app', '--bind', '0.0.0.0:8000']);
    expect(p.python.version).toBe('3.13');
    expect(p.python.reason).toMatch(/^no version declared/);
  });
});
