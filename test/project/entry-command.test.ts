import { describe, expect, it } from 'vitest';
import { findAppObject } from '../../src/project/entry-command.js';
import { scanProject } from '../../src/project/scan.js';
import { tempProject } from './temp-project.js';

describe('findAppObject', () => {
  it.each([
    ['from flask import Flask\napp = Flask(__name__)\n', { variable: 'app', kind: 'wsgi', line: 2 }],
    ['import flask\n\napplication = flask.Flask("x")\n', { variable: 'application', kind: 'wsgi', line: 3 }],
    [
      'from fastapi import FastAPI\napi: FastAPI = FastAPI(title="x")\n',
      { variable: 'api', kind: 'asgi', line: 2 },
    ],
    [
      'from starlette.applications import Starlette\napp = Starlette(routes=[])\n',
      { variable: 'app', kind: 'asgi', line: 2 },
    ],
    [
      'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n',
      { variable: 'create_app()', kind: 'wsgi', line: 3 },
    ],
  ])('%j', (text, want) => expect(findAppObject(text)).toEqual(want));

  it('ignores other objects', () => {
    expect(findAppObject('app = web.Application()\nx = dict()\n')).toBeUndefined();
  });
});

describe('entry command (through scanProject)', () => {
  it('Procfile web wins, keeps $PORT and warns about it', async () => {
    const root = await tempProject({
      Procfile: 'release: python manage.py migrate\nweb: gunicorn app:app --bind 0.0.0.0:$PORT --workers 2\n',
      'requirements.txt': 'flask\ngunicorn\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    const p = await scanProject(root);
    expect(p.entry).toEqual({
      argv: ['gunicorn', 'app:app', '--bind', '0.0.0.0:$PORT', '--workers', '2'],
      // Quoted as what it is in exec form: a literal, not expanded.
      command: "gunicorn app:app --bind '0.0.0.0:$PORT' --workers 2",
      source: { file: 'Procfile', line: 2 },
      reason: 'Procfile web process',
    });
    expect(p.warnings.some((w) => w.message.includes('$PORT') && w.source?.line === 2)).toBe(true);
  });

  it('a Procfile line with an unbalanced quote is an error at its line, not a broken CMD', async () => {
    const root = await tempProject({ Procfile: "web: gunicorn 'app:app\n", 'requirements.txt': '' });
    const err = await scanProject(root).catch((e: unknown) => e);
    expect(err).toMatchObject({
      message: expect.stringContaining('a quote is not closed'),
      where: { file: 'Procfile', line: 1 },
    });
  });

  it('a Procfile with shell syntax runs through sh -c', async () => {
    const root = await tempProject({
      Procfile: 'web: python migrate.py && python serve.py\n',
      'requirements.txt': '',
    });
    const p = await scanProject(root);
    expect(p.entry?.argv).toEqual(['sh', '-c', 'python migrate.py && python serve.py']);
  });

  it('Django without gunicorn: the development server', async () => {
    const root = await tempProject({
      'requirements.txt': 'Django==5.0.4\n',
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
      'shop/__init__.py': '',
      'shop/settings.py': '',
    });
    const p = await scanProject(root);
    expect(p.entry?.argv).toEqual(['python', 'manage.py', 'runserver', '0.0.0.0:8000']);
    expect(p.entry?.source).toEqual({ file: 'manage.py', line: 2 });
    expect(p.appModules).toEqual(['shop']);
  });

  it('FastAPI with fastapi[standard] runs under uvicorn', async () => {
    const root = await tempProject({
      'requirements.txt': 'fastapi[standard]==0.111.0\n',
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    });
    expect((await scanProject(root)).entry?.argv).toEqual([
      'uvicorn',
      'main:app',
      '--host',
      '0.0.0.0',
      '--port',
      '8000',
    ]);
  });

  it('a Flask app without gunicorn falls back to python app.py', async () => {
    const root = await tempProject({
      'requirements.txt': 'flask\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n',
    });
    const p = await scanProject(root);
    expect(p.entry).toMatchObject({ argv: ['python', 'app.py'], source: { file: 'app.py', line: 3 } });
  });

  it('scripts need an installable project', async () => {
    const root = await tempProject({
      'pyproject.toml': '[project]\nname = "cli"\ndependencies = []\n[project.scripts]\ncli = "cli:main"\n',
      'cli.py': 'def main():\n    print("hi")\n',
    });
    const p = await scanProject(root);
    expect(p.installable).toBe(false);
    expect(p.entry).toBeUndefined();
    expect(p.warnings.some((w) => w.message.includes("script 'cli'"))).toBe(true);
  });

  it('no entry when nothing suggests one', async () => {
    const root = await tempProject({ 'requirements.txt': 'requests\n', 'lib/__init__.py': '' });
    expect((await scanProject(root)).entry).toBeUndefined();
  });
});
