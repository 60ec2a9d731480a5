import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createIndexClient } from '../../src/analysis/index-client.js';
import { decide } from '../../src/analysis/wheel-tags.js';

/** The machine's real PEP 503 mirror that pip is configured with (real cp311 wheels). */
const MIRROR = '/opt/pypi/simple';
const hasMirror = existsSync(join(MIRROR, 'numpy', 'index.html'));
const hasPython = existsSync('/usr/bin/python3');

describe.skipIf(!hasMirror)(
  `file:// index on the real mirror ${MIRROR} (skipped when the folder is absent)`,
  () => {
    it('numpy: a cp311 manylinux wheel for glibc x86_64, nothing for musl', async () => {
      const client = createIndexClient(pathToFileURL(MIRROR).href);
      const files = (await client.files('numpy'))!;
      expect(files.length).toBeGreaterThan(0);
      expect(files[0]!.url).toMatch(/^file:\/\/\/opt\/pypi\/files\/numpy-/);
      const glibc = decide('numpy', files, { python: '3.11', libc: 'glibc', arch: 'x86_64' });
      expect(glibc.availability).toBe('wheel');
      expect(glibc.file).toMatch(/cp311-cp311-manylinux/);
      // No musllinux wheel and no sdist on the mirror: pip cannot install it there.
      expect(decide('numpy', files, { python: '3.11', libc: 'musl', arch: 'x86_64' }).availability).toBe(
        'none',
      );
    });

    it('a project missing from the mirror is undefined, not an error', async () => {
      const client = createIndexClient(`file://${MIRROR}/`);
      expect(await client.files('definitely-not-a-real-project-xyz')).toBeUndefined();
    });
  },
);

/** `python3 -m http.server` serves `simple/<name>/index.html` at `simple/<name>/`: a plain folder index. */
async function serveFolder(dir: string): Promise<{ base: string; stop: () => void }> {
  const child = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '0', '--directory', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('http.server did not start')), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /port (\d+)/.exec(chunk.toString());
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

describe.skipIf(!hasMirror || !hasPython)('a folder served by python3 -m http.server', () => {
  it('reads real mirror pages over HTTP (text/html, no JSON support)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slim-py-index-'));
    try {
      for (const name of ['numpy', 'flask']) {
        mkdirSync(join(dir, 'simple', name), { recursive: true });
        writeFileSync(
          join(dir, 'simple', name, 'index.html'),
          readFileSync(join(MIRROR, name, 'index.html')),
        );
      }
      const srv = await serveFolder(dir);
      try {
        const client = createIndexClient(`${srv.base}/simple/`);
        const numpy = (await client.files('numpy'))!;
        expect(decide('numpy', numpy, { python: '3.11', libc: 'glibc', arch: 'x86_64' }).availability).toBe(
          'wheel',
        );
        const flask = (await client.files('flask'))!;
        expect(decide('flask', flask, { python: '3.12', libc: 'musl', arch: 'aarch64' }).availability).toBe(
          'pure',
        );
        expect(await client.files('psycopg2')).toBeUndefined();
      } finally {
        srv.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
