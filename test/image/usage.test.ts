import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { smokeArgv } from '../../src/image/smoke.js';
import { parseUsage } from '../../src/image/usage.js';

/**
 * The usage recording, run by a real interpreter around the real smoke script: a package that
 * reads a data file and loads a C extension of the stdlib at import, an app importing it.
 */
let python = '';
let work = '';
let site = '';
/** The smoke run's TMPDIR: where the entry's recorder lives while it runs. */
let scratch = '';

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'slim-py-usage-'));
  execFileSync('python3', ['-m', 'venv', '--without-pip', join(root, 'venv')]);
  python = join(root, 'venv', 'bin', 'python');
  site = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'])
    .toString()
    .trim();
  mkdirSync(join(site, 'datapkg'), { recursive: true });
  writeFileSync(
    join(site, 'datapkg', '__init__.py'),
    'import os, json, _json\nDATA = open(os.path.join(os.path.dirname(__file__), "table.dat")).read()\n',
  );
  writeFileSync(join(site, 'datapkg', 'table.dat'), 'x'.repeat(5000));
  writeFileSync(join(site, 'datapkg', 'unused.dat'), 'never read');
  const info = join(site, 'datapkg-1.0.dist-info');
  mkdirSync(info);
  writeFileSync(join(info, 'METADATA'), 'Metadata-Version: 2.1\nName: datapkg\nVersion: 1.0\n');
  writeFileSync(join(info, 'top_level.txt'), 'datapkg\n');
  work = join(root, 'app');
  mkdirSync(work);
  scratch = join(root, 'tmp');
  mkdirSync(scratch);
  writeFileSync(join(work, 'app.py'), 'import datapkg\n');
  // A console script whose entry point only the entry's dry run (a child process) imports, and
  // the image's own sitecustomize, which must still run in that child.
  mkdirSync(join(site, 'servepkg'));
  writeFileSync(join(site, 'servepkg', '__init__.py'), '');
  writeFileSync(
    join(site, 'servepkg', 'cli.py'),
    'import builtins, colorsys, servepkg.deep\nassert builtins.SITE_RAN\ndef main(): pass\n',
  );
  writeFileSync(join(site, 'servepkg', 'deep.py'), '');
  writeFileSync(join(site, 'sitecustomize.py'), 'import builtins\nbuiltins.SITE_RAN = True\n');
  const serveInfo = join(site, 'servepkg-1.0.dist-info');
  mkdirSync(serveInfo);
  writeFileSync(join(serveInfo, 'METADATA'), 'Metadata-Version: 2.1\nName: servepkg\nVersion: 1.0\n');
  writeFileSync(join(serveInfo, 'top_level.txt'), 'servepkg\n');
  writeFileSync(join(serveInfo, 'entry_points.txt'), '[console_scripts]\nserve = servepkg.cli:main\n');
  writeFileSync(join(root, 'venv', 'bin', 'serve'), '#!/bin/sh\n', { mode: 0o755 });
});

function record(entry?: string[]) {
  const [exe, ...rest] = smokeArgv(python, {
    appModules: ['app'],
    workdir: work,
    ...(entry ? { entry } : {}),
  });
  const PATH = `${join(python, '..')}:${process.env.PATH}`;
  const r = spawnSync(exe as string, rest, { cwd: work, encoding: 'utf8', env: { PATH, TMPDIR: scratch } });
  expect(r.stdout).toContain('SLIMPY_SMOKE {"ok": true');
  const usage = parseUsage(r.stdout);
  expect(usage, r.stderr).toBeDefined();
  return usage!;
}

describe('usage recorded around the smoke test, by a real interpreter', () => {
  it('names the interpreter, the imported modules, the data file opened and what was mapped', () => {
    const u = record();
    const kind = (p: string) => u.files.find((f) => f.path === p)?.kind;
    expect(u.python).toBe(realpathSync(python));
    expect(kind(u.python)).toBe('interpreter');
    expect(kind(join(work, 'app.py'))).toBe('module');
    expect(kind(join(site, 'datapkg', '__init__.py'))).toBe('module');
    const data = u.files.find((f) => f.path === join(site, 'datapkg', 'table.dat'));
    expect(data).toEqual({ path: join(site, 'datapkg', 'table.dat'), bytes: 5000, kind: 'data' });
    expect(u.files.some((f) => f.path.endsWith('unused.dat'))).toBe(false);
    // The harness's metadata reads are not the app's.
    expect(u.files.some((f) => f.path.includes('.dist-info/'))).toBe(false);
    // libc at least is mapped into every process.
    expect(u.files.some((f) => f.kind === 'shared' && /\/libc[.-]/.test(f.path))).toBe(true);
    expect(u.modules).toEqual(expect.arrayContaining(['app', 'datapkg', 'json', 'json.decoder']));
    for (const f of u.files) expect(f.bytes, f.path).toBe(statSync(f.path).size);
  });

  it("adds what the entry's dry run imports in its child process, and cleans up after it", () => {
    const without = record();
    expect(without.modules).not.toContain('servepkg.cli');
    const u = record(['serve']);
    expect(u.modules).toEqual(expect.arrayContaining(['servepkg.cli', 'servepkg.deep', 'colorsys', 'app']));
    expect(u.files.find((f) => f.path === join(site, 'servepkg', 'deep.py'))?.kind).toBe('module');
    // The recorder is ours, not the app's: neither it nor its folder is reported or left behind.
    expect(u.files.some((f) => f.path.includes('slimpy-usage-'))).toBe(false);
    expect(u.modules.filter((m) => m === 'sitecustomize')).toHaveLength(1);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('lists every file once, by its real path', () => {
    const u = record();
    expect(new Set(u.files.map((f) => f.path)).size).toBe(u.files.length);
    for (const f of u.files) expect(realpathSync(f.path)).toBe(f.path);
  });
});

describe('parseUsage', () => {
  it('ignores malformed entries and a run without the line', () => {
    expect(parseUsage('SLIMPY_SMOKE {}\n')).toBeUndefined();
    expect(parseUsage('SLIMPY_USAGE {"error": "boom"}\n')).toBeUndefined();
    const line =
      'SLIMPY_USAGE {"python": "/p", "modules": ["a", 3], "files": [["/p", 10, "interpreter"], ["/x", "n", "data"], ["/y", 1, "weird"]]}';
    expect(parseUsage(`noise\n${line}\n`)).toEqual({
      python: '/p',
      modules: ['a'],
      files: [{ path: '/p', bytes: 10, kind: 'interpreter' }],
    });
  });
});
