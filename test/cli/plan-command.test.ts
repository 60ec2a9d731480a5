import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(REPO, 'test/fixtures/projects');

function plan(args: string[]) {
  const r = spawnSync(
    path.join(REPO, 'node_modules/.bin/tsx'),
    [path.join(REPO, 'src/cli.tsx'), 'plan', ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PIP_INDEX_URL: '' },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface PlanJson {
  project: {
    root: string;
    python: { version: string; source: string };
    manager: string;
    dependencies: { name: string; specifier: string; extras: string[]; marker: string; source: string }[];
    entry: { command: string; source: string } | null;
  };
  verdicts: {
    name: string;
    glibc: string;
    musl: string;
    buildPackages: { apt: string[] };
    runtimePackages: { apt: string[] };
    reason: string;
    source: string;
  }[];
  candidates: {
    id: string;
    title: string;
    applicable: boolean;
    reason: string;
    tradeoffs: object;
    dockerfile: string;
  }[];
  recommended: string[];
}

function planJson(fixture: string, ...extra: string[]): PlanJson {
  const r = plan([path.join(FIXTURES, fixture), '--json', '--offline', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as PlanJson;
}

function checkCandidates(p: PlanJson) {
  expect(p.candidates.length).toBeGreaterThanOrEqual(8);
  for (const c of p.candidates) {
    expect(c.dockerfile, c.id).toMatch(/^FROM /m);
    if (c.id.startsWith('multistage') || c.id === 'distroless') {
      expect(c.dockerfile.match(/^FROM /gm)?.length ?? 0, c.id).toBeGreaterThanOrEqual(2);
    }
  }
  for (const id of p.recommended) expect(p.candidates.find((c) => c.id === id)?.applicable, id).toBe(true);
}

describe('slim-py plan --json (the contract)', () => {
  it('a requirements project: pins, entry from app.py, default Python with its reason', {
    timeout: 30_000,
  }, () => {
    const p = planJson('flask-gunicorn');
    expect(p.project.manager).toBe('pip');
    const flask = p.project.dependencies.find((d) => d.name === 'flask')!;
    expect(flask).toMatchObject({ specifier: '==1.1.1', source: 'requirements.txt:1' });
    expect(p.project.dependencies.find((d) => d.name === 'gunicorn')?.specifier).toBe('==20.1.0');
    expect(p.project.entry?.command).toContain('gunicorn');
    expect(p.verdicts.find((v) => v.name === 'flask')?.glibc).toBe('pure');
    checkCandidates(p);
  });

  it('a PEP 621 project with .python-version', { timeout: 30_000 }, () => {
    const p = planJson('pep621-pyver');
    expect(p.project.manager).toBe('pep621');
    expect(p.project.python).toMatchObject({ version: '3.12', source: '.python-version:1' });
    expect(p.project.dependencies.length).toBeGreaterThan(0);
    expect(p.project.entry?.source).toMatch(/^pyproject\.toml:\d+$/);
    checkCandidates(p);
    // Distroless carries Debian 13's Python 3.13: it must say why it does not apply to 3.12.
    const distroless = p.candidates.find((c) => c.id === 'distroless')!;
    expect(distroless.applicable).toBe(false);
    expect(distroless.reason).toContain('Python 3.13');
  });

  it('a Poetry project: caret specifiers translated, locked versions read', { timeout: 30_000 }, () => {
    const p = planJson('poetry-app');
    expect(p.project.manager).toBe('poetry');
    expect(p.project.dependencies.some((d) => /^>=\d.*,<\d/.test(d.specifier))).toBe(true);
    checkCandidates(p);
  });

  it('the sdist-only C extension compiles; psycopg2 needs libpq to build and to run', {
    timeout: 30_000,
  }, () => {
    const pycrypto = planJson('pycrypto').verdicts.find((v) => v.name === 'pycrypto')!;
    expect(pycrypto.glibc).toBe('compile');
    expect(pycrypto.musl).toBe('compile');
    const dj = planJson('django-psycopg2');
    const pg = dj.verdicts.find((v) => v.name === 'psycopg2')!;
    expect(pg.glibc).toBe('compile');
    expect(pg.buildPackages.apt).toContain('libpq-dev');
    expect(pg.runtimePackages.apt).toContain('libpq5');
    checkCandidates(dj);
    const venv = dj.candidates.find((c) => c.id === 'multistage-venv')!;
    expect(venv.dockerfile).toContain('libpq5');
  });

  it('--image and --python are honoured and shown', { timeout: 30_000 }, () => {
    const p = planJson(
      'flask-gunicorn',
      '--python',
      '3.11',
      '--image',
      'slim=registry.local/py:{python}-slim',
    );
    expect(p.project.python).toMatchObject({ version: '3.11', source: '--python' });
    expect(p.candidates.find((c) => c.id === 'slim')!.dockerfile).toContain(
      'FROM registry.local/py:3.11-slim',
    );
    // The text plan says where the version came from once, not "--python — --python".
    const text = plan([path.join(FIXTURES, 'flask-gunicorn'), '--offline', '--python', '3.11']).stdout;
    expect(text).toContain('python    3.11   (given with --python)\n');
  });

  it('--prefer and --bytecode win over [tool.slim-py], which wins over the defaults', {
    timeout: 60_000,
  }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'slim-py-prefer-'));
    writeFileSync(path.join(dir, 'requirements.txt'), 'flask==3.0.0\n');
    writeFileSync(path.join(dir, 'app.py'), 'import flask\n');
    const json = (...extra: string[]) => {
      const r = plan([dir, '--json', '--offline', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { prefer: { value: string; source: string }; bytecode: string };
    };
    expect(json()).toMatchObject({ prefer: { value: 'balanced', source: 'default' }, bytecode: 'imports' });
    writeFileSync(
      path.join(dir, 'pyproject.toml'),
      '[project]\nname = "x"\nversion = "1"\n\n[tool.slim-py]\nprefer = "size"\nbytecode = "none"\n',
    );
    expect(json()).toMatchObject({ prefer: { value: 'size', source: 'pyproject.toml:6' }, bytecode: 'none' });
    expect(json('--prefer', 'startup', '--bytecode', 'all')).toMatchObject({
      prefer: { value: 'startup', source: '--prefer' },
      bytecode: 'all',
    });
    const bad = plan([dir, '--offline', '--prefer', 'tiny']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--prefer tiny is not one of balanced, size, startup');
  });

  // One CLI process per case (each a tsx start, seconds under load): a timeout per case, not one for all.
  const badDir = (file: string, text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'slim-py-bad-'));
    writeFileSync(path.join(dir, file), text);
    return dir;
  };
  it('bad input: exit 2, file:line and what to try on stderr, no stack trace', { timeout: 60_000 }, () => {
    const r = plan([badDir('requirements.txt', 'flask==1.0\nthis is not a requirement ((\n'), '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requirements.txt:2');
    expect(r.stderr).toContain('what to try');
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
  it('bad input: a broken pyproject.toml names its line', { timeout: 60_000 }, () => {
    const dir = badDir('pyproject.toml', '[project]\nname = "x"\ndependencies = ["a",\n[oops\n');
    const t = plan([dir, '--offline']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/pyproject\.toml:\d+/);
  });
  it('bad input: a missing folder, an unknown image role', { timeout: 60_000 }, () => {
    expect(plan(['/nonexistent/dir']).code).toBe(2);
    expect(plan(['--image', 'nope=x']).stderr).toContain('unknown role');
  });
});
