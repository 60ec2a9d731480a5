import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSmokeOutput, type SmokeArgs, smokeArgv } from '../../src/image/smoke.js';

/**
 * Runs the real smoke script with a real interpreter on a venv whose site-packages we write by
 * hand: distributions with top_level.txt, with only a RECORD, a broken one, an excluded one.
 */
let python = '';
let work = '';

function dist(
  site: string,
  name: string,
  files: Record<string, string>,
  meta: { top?: string; record?: string[] },
) {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(site, p, '..'), { recursive: true });
    writeFileSync(join(site, p), text);
  }
  const info = join(site, `${name.replace(/-/g, '_')}-1.0.dist-info`);
  mkdirSync(info, { recursive: true });
  writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`);
  if (meta.top !== undefined) writeFileSync(join(info, 'top_level.txt'), meta.top);
  writeFileSync(join(info, 'RECORD'), (meta.record ?? []).map((r) => `${r},,`).join('\n'));
}

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'slim-py-smoke-'));
  execFileSync('python3', ['-m', 'venv', '--without-pip', join(root, 'venv')]);
  python = join(root, 'venv', 'bin', 'python');
  const site = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'])
    .toString()
    .trim();
  dist(site, 'good-dist', { 'goodmod/__init__.py': 'X = 1\n' }, { top: 'goodmod\n' });
  dist(
    site,
    'record-only',
    { 'recmod.py': '', 'recpkg/__init__.py': '', 'recpkg/sub.py': '' },
    {
      record: [
        'recmod.py',
        'recpkg/__init__.py',
        'recpkg/sub.py',
        '../../../bin/rec',
        'record_only-1.0.dist-info/METADATA',
        'recpkg/__pycache__/x.pyc',
      ],
    },
  );
  dist(
    site,
    'broken',
    { 'brokenmod/__init__.py': 'raise ImportError("libpq.so.5: cannot open shared object file")\n' },
    { top: 'brokenmod\n' },
  );
  dist(site, 'noisy', { 'noisymod.py': 'print("hello from import")\n' }, { top: 'noisymod\n' });
  dist(site, 'pip', { 'fakepip/__init__.py': 'raise SystemExit(3)\n' }, { top: 'fakepip\n' });
  dist(
    site,
    'runnable',
    { 'runpkg/__init__.py': '', 'runpkg/__main__.py': 'print("run")\n' },
    { top: 'runpkg\n' },
  );
  // A program on the venv's PATH, standing for a server the probe only needs to find.
  writeFileSync(join(root, 'venv', 'bin', 'fakeserve'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  work = join(root, 'app');
  mkdirSync(work);
  writeFileSync(join(work, 'app.py'), 'import goodmod\n');
  writeFileSync(join(work, 'webapp.py'), 'class App:\n    pass\napp = App()\n');
  writeFileSync(join(work, 'crashapp.py'), 'import os\nos.environ["SECRET_KEY"]\n');
  writeFileSync(join(work, 'bad.py'), 'def (:\n');
  // A program with a dry run, like manage.py check: fails with its own message.
  writeFileSync(
    join(work, 'manage.py'),
    'import sys\nif sys.argv[1] == "check":\n    print("SystemCheckError: ALLOWED_HOSTS is empty")\n    sys.exit(1)\n',
  );
});

function smoke(args: Partial<SmokeArgs>) {
  const [exe, ...rest] = smokeArgv(python, { appModules: [], workdir: work, ...args });
  const env = { ...process.env, PATH: `${join(python, '..')}:${process.env.PATH}`, PORT: '8000' };
  const r = spawnSync(exe as string, rest, { cwd: work, encoding: 'utf8', env });
  return parseSmokeOutput(r.stdout, r.stderr, r.status ?? -1);
}

describe('smoke script, run by a real interpreter', () => {
  it('imports every distribution’s top-level modules, from top_level.txt or RECORD', () => {
    const r = smoke({ appModules: ['app'], entry: ['python', 'app.py'] });
    expect(r.imported.sort()).toEqual(['app', 'goodmod', 'noisymod', 'recmod', 'recpkg', 'runpkg']);
    expect(r.distributions).toEqual(['good-dist', 'noisy', 'record-only', 'broken', 'runnable'].sort());
    // pip is the interpreter's packaging: not imported, so its SystemExit never shows.
    expect(r.failures).toEqual([
      { module: 'brokenmod', error: 'ImportError: libpq.so.5: cannot open shared object file' },
    ]);
    expect(r.ok).toBe(false);
  });

  it('checks the entry command: on PATH, python -m, python file.py', () => {
    const fails = (entry: string[]) =>
      smoke({ entry, exclude: ['pip', 'broken'] }).failures.map((f) => f.module);
    expect(fails(['python', 'app.py'])).toEqual([]);
    expect(fails(['python', '-m', 'runpkg'])).toEqual([]);
    expect(fails(['python', '-m', 'nosuchmod'])).toEqual(['entry: python -m nosuchmod']);
    expect(fails(['python', 'missing.py'])).toEqual(['entry: python missing.py']);
    expect(fails(['no-such-binary-slimpy', 'x'])).toEqual(['entry: no-such-binary-slimpy x']);
    expect(fails(['python3'])).toEqual([]);
    expect(smoke({ exclude: ['pip', 'broken'] }).ok).toBe(true);
  });

  it('starts the entry as far as is safe, and reports why it cannot start with its output', () => {
    const errors = (entry: string[]) =>
      smoke({ entry, exclude: ['pip', 'broken'] }).failures.map((f) => f.error);
    // A package without __main__.py cannot run with python -m.
    expect(errors(['python', '-m', 'goodmod'])).toEqual([
      'goodmod is a package without __main__.py: python -m goodmod cannot run it',
    ]);
    // A program slim-py does not know is only looked up on PATH.
    expect(errors(['fakeserve', 'webapp:app', '--port', '$PORT'])).toEqual([]);
    expect(errors(['no-such-server', 'webapp:app'])[0]).toMatch(/^no-such-server is not on PATH/);
    // A script with a syntax error is caught without running it.
    expect(errors(['python', 'bad.py'])[0]).toMatch(/^SyntaxError/);
    // A dry run (manage.py check for runserver) fails with the program's own output.
    expect(errors(['python', 'manage.py', 'runserver', '0.0.0.0:$PORT'])).toEqual([
      'python manage.py check exited with 1: SystemCheckError: ALLOWED_HOSTS is empty',
    ]);
  });

  it('imports the module:attr an ASGI/WSGI server would load, in the working folder', () => {
    const bin = join(python, '..');
    for (const name of ['uvicorn', 'waitress-serve']) {
      writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    }
    const errors = (entry: string[]) =>
      smoke({ entry, exclude: ['pip', 'broken'] }).failures.map((f) => f.error);
    expect(errors(['uvicorn', 'webapp:app', '--host', '0.0.0.0', '--port', '$PORT'])).toEqual([]);
    expect(errors(['waitress-serve', '--listen=0.0.0.0:$PORT', 'webapp:app'])).toEqual([]);
    expect(errors(['uvicorn', 'webapp:nothere'])[0]).toMatch(/AttributeError: .*nothere/);
    expect(errors(['uvicorn', 'crashapp:app'])[0]).toMatch(/KeyError: 'SECRET_KEY'/);
  });

  it('reports a failing app module with its exception', () => {
    const r = smoke({ appModules: ['nosuchapp'], exclude: ['pip', 'broken'] });
    expect(r.failures).toEqual([
      { module: 'nosuchapp', error: "ModuleNotFoundError: No module named 'nosuchapp'" },
    ]);
  });
});

describe('parseSmokeOutput', () => {
  it('a crash without the marker line is a failure with stderr’s tail', () => {
    const r = parseSmokeOutput('', 'exec: "python3": executable file not found in $PATH', 127);
    expect(r.ok).toBe(false);
    expect(r.failures[0]?.error).toMatch(/executable file not found/);
  });
  it('a non-zero exit spoils an otherwise clean report', () => {
    const line = 'SLIMPY_SMOKE {"ok": true, "failures": [], "imported": ["a"], "distributions": ["a"]}';
    expect(parseSmokeOutput(`noise\n${line}\n`, '', 0)).toEqual({
      ok: true,
      failures: [],
      imported: ['a'],
      distributions: ['a'],
    });
    expect(parseSmokeOutput(line, '', 1).ok).toBe(false);
  });
});
