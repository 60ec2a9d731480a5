import { describe, expect, it } from 'vitest';
import { findAppObject } from '../../src/project/entry/index.js';
import { scanProject } from '../../src/project/scan.js';
import { tempProject } from './temp-project.js';

const FLASK = 'from flask import Flask\napp = Flask(__name__)\n';

describe('findAppObject', () => {
  it.each([
    [FLASK, { variable: 'app', kind: 'wsgi', line: 2, framework: 'Flask', factory: false }],
    [
      'import flask\n\napplication = flask.Flask("x")\n',
      { variable: 'application', kind: 'wsgi', line: 3, framework: 'Flask', factory: false },
    ],
    [
      'from fastapi import FastAPI\napi: FastAPI = FastAPI(title="x")\n',
      { variable: 'api', kind: 'asgi', line: 2, framework: 'FastAPI', factory: false },
    ],
    [
      'from starlette.applications import Starlette\napp = Starlette(routes=[])\n',
      { variable: 'app', kind: 'asgi', line: 2, framework: 'Starlette', factory: false },
    ],
    [
      'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n',
      { variable: 'create_app', kind: 'wsgi', line: 3, framework: 'Flask', factory: true },
    ],
  ])('%j', (text, want) => expect(findAppObject(text)).toEqual(want));

  it('ignores other objects', () => {
    expect(findAppObject('app = web.Application()\nx = dict()\n')).toBeUndefined();
  });
});

const entryOf = async (files: Record<string, string>) => (await scanProject(await tempProject(files))).entry;

describe('declared commands: Procfile, Dockerfile, compose, server configuration', () => {
  it('Procfile web wins; $PORT stays, to be expanded when the container starts', async () => {
    const root = await tempProject({
      Procfile: 'release: python manage.py migrate\nweb: gunicorn app:app --bind 0.0.0.0:$PORT --workers 2\n',
      'requirements.txt': 'flask\ngunicorn\n',
      'app.py': FLASK,
    });
    const p = await scanProject(root);
    expect(p.entry).toEqual({
      argv: ['gunicorn', 'app:app', '--bind', '0.0.0.0:$PORT', '--workers', '2'],
      command: 'gunicorn app:app --bind 0.0.0.0:$PORT --workers 2',
      source: { file: 'Procfile', line: 2 },
      reason: 'Procfile web process',
      port: 8000,
    });
    expect(p.warnings).toEqual([]);
  });

  it('a Procfile command slim-py does not know that names $PORT listens on it (the image sets PORT)', async () => {
    const root = await tempProject({
      Procfile: 'web: python -m http.server $PORT\n',
      'requirements.txt': '',
    });
    expect((await scanProject(root)).entry).toMatchObject({
      argv: ['python', '-m', 'http.server', '$PORT'],
      port: 8000,
    });
    const other = await tempProject({
      Procfile: 'web: python -m http.server $PORTAL\n',
      'requirements.txt': '',
    });
    expect((await scanProject(other)).entry?.port).toBeUndefined();
  });

  it('a Procfile line with an unbalanced quote is an error at its line, not a broken CMD', async () => {
    const root = await tempProject({ Procfile: "web: gunicorn 'app:app\n", 'requirements.txt': '' });
    const err = await scanProject(root).catch((e: unknown) => e);
    expect(err).toMatchObject({
      message: expect.stringContaining('a quote is not closed'),
      where: { file: 'Procfile', line: 1 },
    });
  });

  it('a Procfile with shell syntax runs through sh -c, and the plan says images without a shell cannot', async () => {
    const root = await tempProject({
      Procfile: 'web: python migrate.py && python serve.py\n',
      'requirements.txt': '',
    });
    const p = await scanProject(root);
    expect(p.entry?.argv).toEqual(['sh', '-c', 'python migrate.py && python serve.py']);
    expect(p.warnings.map((w) => w.message)).toEqual([
      "entry sh -c 'python migrate.py && python serve.py': it uses shell syntax, so it runs through sh -c: images without a shell cannot run it",
    ]);
  });

  it('a Procfile line that needs make is not used: the server of the app is', async () => {
    const root = await tempProject({
      Procfile: 'web: make serve\n',
      'requirements.txt': 'flask\ngunicorn\n',
      'app.py': FLASK,
    });
    const p = await scanProject(root);
    expect(p.entry?.argv).toEqual(['gunicorn', 'app:app']);
    expect(p.warnings[0]).toEqual({
      message:
        'the Procfile web process is not used: it runs make, which the image does not have (it carries Python and the app only)',
      source: { file: 'Procfile', line: 1 },
    });
  });

  it('`poetry run X` in a Procfile is X: the venv is on PATH in the image', async () => {
    expect(
      (await entryOf({ Procfile: 'web: poetry run gunicorn app:app\n', 'requirements.txt': 'gunicorn\n' }))
        ?.argv,
    ).toEqual(['gunicorn', 'app:app']);
  });

  it("Django's runserver in the Procfile loses to gunicorn when gunicorn and a wsgi module exist, and says why", async () => {
    const e = await entryOf({
      Procfile: 'web: python manage.py runserver\n',
      'requirements.txt': 'django\ngunicorn\n',
      'manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
      'shop/__init__.py': '',
      'shop/settings.py': '',
      'shop/wsgi.py':
        'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    });
    expect(e?.argv).toEqual(['gunicorn', 'shop.wsgi']);
    expect(e?.reason).toBe(
      'Django project shop (manage.py) with gunicorn (requirements.txt:2): shop.wsgi; preferred to python manage.py runserver 0.0.0.0:$PORT (Procfile:1), a development server',
    );
  });

  it('a declared bind to 127.0.0.1 becomes 0.0.0.0 (said so); its port is kept', async () => {
    const root = await tempProject({
      Procfile: 'web: gunicorn app:app -b 127.0.0.1:5000\n',
      'requirements.txt': 'gunicorn\n',
    });
    const p = await scanProject(root);
    expect(p.entry).toMatchObject({ argv: ['gunicorn', 'app:app', '-b', '0.0.0.0:5000'], port: 5000 });
    expect(p.warnings[0]?.message).toContain(
      'it bound 127.0.0.1:5000, unreachable from outside the container',
    );
  });

  it('uvicorn without --host/--port gets 0.0.0.0 and $PORT', async () => {
    expect(
      (await entryOf({ Procfile: 'web: uvicorn main:app --workers 2\n', 'requirements.txt': 'uvicorn\n' }))
        ?.argv,
    ).toEqual(['uvicorn', 'main:app', '--workers', '2', '--host', '0.0.0.0', '--port', '$PORT']);
  });

  it("an existing Dockerfile's CMD (shell form, after ENTRYPOINT of an earlier stage)", async () => {
    const e = await entryOf({
      Dockerfile:
        'FROM python AS b\nENTRYPOINT ["x"]\nFROM python\nWORKDIR /code\nCOPY src/ .\nCMD python ./server.py\n',
      'requirements.txt': 'flask\n',
      'src/server.py': 'print(1)\n',
    });
    // server.py exists only under the import root: the command runs there, as it did in /code.
    expect(e).toMatchObject({
      argv: ['python', './server.py'],
      cwd: 'src',
      source: { file: 'Dockerfile', line: 6 },
    });
  });

  it("slim-py's own CMD reads back as the command it wraps", async () => {
    const wrapped = JSON.stringify([
      '/opt/venv/bin/python',
      '-c',
      'import os, sys; argv = [os.path.expandvars(a) for a in sys.argv[1:]]; os.execvp(argv[0], argv)',
      '/opt/venv/bin/uvicorn',
      'main:app',
      '--host',
      '0.0.0.0',
      '--port',
      '$PORT',
    ]);
    const e = await entryOf({
      Dockerfile: `FROM scratch\nENTRYPOINT ${wrapped}\n`,
      'requirements.txt': 'uvicorn\n',
    });
    expect(e?.command).toBe('uvicorn main:app --host 0.0.0.0 --port $PORT');
  });

  it('a Dockerfile CMD that runs a file of its own image is not used', async () => {
    const root = await tempProject({
      Dockerfile: 'FROM python\nCMD ["/docker-entrypoint.sh"]\n',
      'requirements.txt': '',
    });
    const p = await scanProject(root);
    expect(p.entry).toBeUndefined();
    expect(p.warnings[0]?.message).toContain('it runs /docker-entrypoint.sh, a file of that image');
  });

  it('compose: the command of the service built from this folder', async () => {
    const e = await entryOf({
      'compose.yaml':
        'services:\n  db:\n    image: postgres\n  web:\n    build: .\n    ports: ["8000:8000"]\n    command: ["gunicorn", "app:app", "--bind", ":8000"]\n',
      'requirements.txt': 'gunicorn\n',
    });
    expect(e).toMatchObject({
      argv: ['gunicorn', 'app:app', '--bind', ':8000'],
      source: { file: 'compose.yaml', line: 7 },
    });
  });

  it('gunicorn.conf.py naming the app and its port', async () => {
    const e = await entryOf({
      'gunicorn.conf.py': 'wsgi_app = "shop.wsgi:application"\nbind = "0.0.0.0:9000"\n',
      'requirements.txt': 'gunicorn\n',
    });
    expect(e).toMatchObject({
      argv: ['gunicorn'],
      port: 9000,
      source: { file: 'gunicorn.conf.py', line: 1 },
    });
  });

  it('[tool.fastapi] entrypoint, served by uvicorn', async () => {
    const e = await entryOf({
      'pyproject.toml':
        '[project]\nname = "x"\ndependencies = ["fastapi", "uvicorn"]\n[tool.fastapi]\nentrypoint = "x.api:app"\n',
    });
    expect(e?.argv).toEqual(['uvicorn', 'x.api:app', '--host', '0.0.0.0', '--port', '$PORT']);
  });
});

describe('inferred from the code', () => {
  it('Django without gunicorn: the development server, reachable', async () => {
    const root = await tempProject({
      'requirements.txt': 'Django==5.0.4\n',
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
      'shop/__init__.py': '',
      'shop/settings.py': '',
    });
    const p = await scanProject(root);
    expect(p.entry?.argv).toEqual(['python', 'manage.py', 'runserver', '0.0.0.0:$PORT']);
    expect(p.entry?.source).toEqual({ file: 'manage.py', line: 2 });
    expect(p.appModules).toEqual(['shop']);
  });

  it('FastAPI with fastapi[standard] runs under uvicorn', async () => {
    const e = await entryOf({
      'requirements.txt': 'fastapi[standard]==0.111.0\n',
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    });
    expect(e?.argv).toEqual(['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '$PORT']);
  });

  it('a FastAPI package: app/main.py, served as app.main:app', async () => {
    const e = await entryOf({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'tests/test_main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(e).toMatchObject({
      argv: ['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '$PORT'],
      source: { file: 'app/main.py', line: 2 },
    });
  });

  it("a Flask app without a production server: Flask's development server, on 0.0.0.0 (app.run() would bind 127.0.0.1)", async () => {
    const root = await tempProject({
      'requirements.txt': 'flask\n',
      'app.py': `${FLASK}if __name__ == "__main__":\n    app.run()\n`,
    });
    const p = await scanProject(root);
    expect(p.entry).toMatchObject({
      argv: ['flask', '--app', 'app:app', 'run', '--host', '0.0.0.0', '--port', '$PORT'],
    });
    expect(p.entryChoices.map((c) => c.command)).toEqual([
      'flask --app app:app run --host 0.0.0.0 --port $PORT',
      'python app.py',
    ]);
  });

  it('a Flask factory under gunicorn is called: module:create_app()', async () => {
    const e = await entryOf({
      'requirements.txt': 'flask\ngunicorn\n',
      'shop/__init__.py': 'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n',
    });
    expect(e?.argv).toEqual(['gunicorn', 'shop:create_app()']);
  });

  it('python -m only for a package with __main__.py', async () => {
    expect(await entryOf({ 'requirements.txt': 'requests\n', 'lib/__init__.py': '' })).toBeUndefined();
    const e = await entryOf({
      'requirements.txt': 'requests\n',
      'bot/__init__.py': '',
      'bot/__main__.py': 'print(1)\n',
    });
    expect(e).toMatchObject({ argv: ['python', '-m', 'bot'], guessed: true });
  });
});

describe('console scripts', () => {
  const pyproject = (scripts: string, backend = true) =>
    `[project]\nname = "shop"\nversion = "1"\ndependencies = []\n[project.scripts]\n${scripts}${backend ? '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n' : ''}`;

  it('need an installable project', async () => {
    const root = await tempProject({
      'pyproject.toml': pyproject('cli = "cli:main"\n', false),
      'cli.py': 'def main():\n    print("hi")\n',
    });
    const p = await scanProject(root);
    expect(p.installable).toBe(false);
    expect(p.entry).toBeUndefined();
    expect(
      p.warnings.some((w) => w.message.includes("script 'cli' exists only once the project is installed")),
    ).toBe(true);
  });

  it('the server script, not the one-shot listed first nor the management CLI', async () => {
    const root = await tempProject({
      'pyproject.toml': pyproject(
        'init_db = "shop.db:init"\nshop-admin = "shop.admin:main"\nshop-serve = "shop.serve:main"\n',
      ),
      'src/shop/__init__.py': '',
    });
    const p = await scanProject(root);
    expect(p.entry?.argv).toEqual(['shop-serve']);
    expect(p.entry?.cwd).toBeUndefined();
    expect(p.entryChoices.map((c) => c.command)).toEqual(['shop-serve', 'init_db', 'shop-admin']);
    expect(p.entryChoices[1]?.reason).toContain(
      'looks like a one-shot or management command (init_db), not a server',
    );
  });
});
