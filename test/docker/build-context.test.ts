import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { dockerfilePath, packContext, scanContext } from '../../src/docker/build-context.js';
import { isUserError } from '../../src/errors.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slim-py-ctx-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function entries(stream: NodeJS.ReadableStream): Promise<Map<string, string>> {
  const ex = extract();
  stream.pipe(ex as unknown as NodeJS.WritableStream);
  const out = new Map<string, string>();
  for await (const e of ex) {
    const chunks: Buffer[] = [];
    for await (const c of e as unknown as AsyncIterable<Buffer>) chunks.push(c);
    out.set(
      e.header.type === 'directory' ? `${e.header.name.replace(/\/$/, '')}/` : e.header.name,
      Buffer.concat(chunks).toString(),
    );
  }
  return out;
}

describe('build context', () => {
  it('honours .dockerignore (dirs, globs, ! exceptions) and adds the Dockerfile beside the user’s', async () => {
    const dir = project({
      '.dockerignore': '.git\n*.log\n!keep.log\ndata/\n**/__pycache__\n',
      'app.py': 'print(1)\n',
      Dockerfile: 'FROM user-own\n',
      'keep.log': 'k',
      'drop.log': 'd',
      'data/big.bin': 'x'.repeat(1000),
      'pkg/__init__.py': '',
      'pkg/__pycache__/m.pyc': 'c',
      '.git/HEAD': 'ref',
    });
    symlinkSync('app.py', join(dir, 'link.py'));
    const plan = await scanContext(dir);
    const files = await entries(packContext(plan, 'FROM python:3.11-slim\n', 'slim', 'classic'));
    const names = [...files.keys()].filter((n) => !n.endsWith('/')).sort();
    expect(names).toEqual([
      '.dockerignore',
      '.slim-py-Dockerfile.slim',
      'Dockerfile',
      'app.py',
      'keep.log',
      'link.py',
      'pkg/__init__.py',
    ]);
    // The user's Dockerfile is untouched, ours sits beside it.
    expect(files.get('Dockerfile')).toBe('FROM user-own\n');
    expect(files.get(dockerfilePath('slim'))).toBe('FROM python:3.11-slim\n');
    // The classic builder gets the user's rules plus ours: it drops .slim-py/ after reading the Dockerfile.
    expect(files.get('.dockerignore')).toBe(
      '.git\n*.log\n!keep.log\ndata/\n**/__pycache__\n.slim-py-Dockerfile.*\n',
    );
    // BuildKit over the API ignores .dockerignore: it gets the user's file as the CLI would send it.
    const bk = await entries(packContext(plan, 'FROM x\n', 'slim', 'buildkit'));
    expect(bk.get('.dockerignore')).toBe('.git\n*.log\n!keep.log\ndata/\n**/__pycache__\n');
    expect(plan.files).toBe(5);
  });

  it('without a .dockerignore sends everything but its own folder', async () => {
    const dir = project({ 'a.py': '', '.slim-py/report.md': 'old', '.slim-py-Dockerfile.old': 'stale' });
    const plan = await scanContext(dir);
    const classic = await entries(packContext(plan, 'FROM x\n', 'full', 'classic'));
    expect(classic.has('.slim-py-Dockerfile.old') || classic.has('.slim-py/report.md')).toBe(false);
    // Our own rules file: the classic builder then drops both it and our Dockerfile.
    expect(classic.get('.dockerignore')).toBe('.dockerignore\n.slim-py-Dockerfile.*\n');
    const bk = await entries(packContext(plan, 'FROM x\n', 'full'));
    expect([...bk.keys()].filter((n) => !n.endsWith('/')).sort()).toEqual([
      '.slim-py-Dockerfile.full',
      'a.py',
    ]);
  });

  it('an allow-list .dockerignore that excludes itself is not sent to BuildKit', async () => {
    const dir = project({ '.dockerignore': '*\n!app.py\n', 'app.py': '', 'notes.md': '' });
    const plan = await scanContext(dir);
    const bk = await entries(packContext(plan, 'FROM x\n', 'a'));
    expect([...bk.keys()].filter((n) => !n.endsWith('/')).sort()).toEqual([
      '.slim-py-Dockerfile.a',
      'app.py',
    ]);
  });

  it('refuses a context over the limit, naming the biggest entries to ignore', async () => {
    const dir = project({
      'app.py': '',
      'data/blob.bin': 'x'.repeat(300_000),
      'models/m.bin': 'y'.repeat(100_000),
    });
    const err = await scanContext(dir, 200_000).catch((e: unknown) => e);
    expect(isUserError(err)).toBe(true);
    if (!isUserError(err)) return;
    expect(err.message).toMatch(/largest entries are data \(0 MB\), models/);
    expect(err.hint).toMatch(/\.dockerignore \(e\.g\. `data`, `models`/);
    // Ignoring the big folder makes it fit.
    writeFileSync(join(dir, '.dockerignore'), 'data\n');
    await expect(scanContext(dir, 200_000)).resolves.toMatchObject({ files: 2 });
  });
});
