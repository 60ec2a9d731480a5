import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { placeFile } from '../../src/image/file-areas.js';
import { aboveFloor, computeFloor, summariseUsage, untouchedParts } from '../../src/image/floor.js';
import { scanImageTar } from '../../src/image/image-fs.js';
import type { Usage } from '../../src/image/usage.js';

async function tarOf(files: Record<string, number>): Promise<NodeJS.ReadableStream> {
  const p = pack();
  for (const [name, size] of Object.entries(files)) p.entry({ name, size }, Buffer.alloc(size, 1));
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Readable.from([Buffer.concat(chunks)]);
}

const MB = 1_000_000;

describe('placeFile', () => {
  it.each([
    ['/usr/local/lib/python3.13/json/decoder.py', 'stdlib', 'json'],
    ['/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so', 'stdlib', 'lib-dynload'],
    ['/opt/venv/lib/python3.11/site-packages/flask/app.py', 'packages', 'flask'],
    ['/usr/lib/python3/dist-packages/pip/__init__.py', 'packages', 'pip'],
    ['/opt/venv/lib/python3.11/site-packages/Flask-3.0.dist-info/RECORD', 'packages', 'Flask'],
    ['/usr/local/lib/python3.13/__pycache__/os.cpython-313.pyc', 'bytecode', ''],
    ['/app/app.py', 'app', 'app.py'],
    ['/usr/include/python3.11/Python.h', 'toolchain', 'Python.h'],
    ['/usr/lib/gcc/x86_64-linux-gnu/12/cc1', 'toolchain', 'cc1'],
    ['/usr/share/locale/de/LC_MESSAGES/libc.mo', 'locale', 'libc.mo'],
    ['/usr/share/doc/libc6/copyright', 'docs', 'copyright'],
    ['/usr/share/zoneinfo/Europe/Paris', 'zoneinfo', 'Paris'],
    ['/var/lib/dpkg/status', 'package-manager', 'status'],
    ['/usr/lib/x86_64-linux-gnu/libssl.so.3', 'shared', 'libssl.so.3'],
    ['/usr/bin/bash', 'programs', 'bash'],
    ['/etc/ssl/certs/ca-certificates.crt', 'other', '/etc/ssl'],
  ])('%s is %s (%s)', (path, area, group) => {
    expect(placeFile(path, '/app')).toEqual({ area, group });
  });
});

const usage: Usage = {
  python: '/usr/bin/python3.11',
  modules: ['app', 'json'],
  files: [
    { path: '/usr/bin/python3.11', bytes: 6 * MB, kind: 'interpreter' },
    { path: '/usr/lib/python3.11/json/__init__.py', bytes: 2 * MB, kind: 'module' },
    { path: '/usr/lib/python3.11/__pycache__/x.pyc', bytes: 1 * MB, kind: 'bytecode' },
    { path: '/opt/venv/lib/python3.11/site-packages/flask/app.py', bytes: 3 * MB, kind: 'module' },
    { path: '/opt/venv/lib/python3.11/site-packages/mk/_speedups.so', bytes: 1 * MB, kind: 'shared' },
    { path: '/usr/lib/x86_64-linux-gnu/libc.so.6', bytes: 2 * MB, kind: 'shared' },
    { path: '/usr/share/zoneinfo/UTC', bytes: 500_000, kind: 'data' },
    { path: '/app/app.py', bytes: 200_000, kind: 'module' },
  ],
};

describe('the floor measured from the app', () => {
  it('sums what the app used by kind, bytecode aside', () => {
    const u = summariseUsage(usage, '/app');
    expect(u.usedBytes).toBe(14.7 * MB);
    expect(u.sources).toEqual([
      { what: 'the interpreter and libpython', bytes: 6 * MB, files: 1 },
      { what: "installed packages' modules imported", bytes: 3 * MB, files: 1 },
      { what: 'stdlib modules imported', bytes: 2 * MB, files: 1 },
      { what: 'system libraries mapped', bytes: 2 * MB, files: 1 },
      { what: 'C extensions loaded', bytes: 1 * MB, files: 1 },
      { what: 'data files read (certificates, time zones, locale, package data)', bytes: 500_000, files: 1 },
      { what: "the app's modules", bytes: 200_000, files: 1 },
    ]);
  });

  it('is taken from the largest passing candidate that recorded its usage', () => {
    const used = (n: number) => ({ usedBytes: n, sources: [] });
    const f = computeFloor([
      { id: 'closure', sizeBytes: 40 * MB, used: used(15 * MB) },
      { id: 'full', sizeBytes: 500 * MB, used: used(16 * MB) },
      { id: 'slim', sizeBytes: 600 * MB },
    ]);
    expect(f).toEqual({ usedBytes: 16 * MB, bytes: 16 * MB, sources: [], measuredIn: 'full' });
    expect(computeFloor([{ id: 'slim', sizeBytes: 1 }])).toBeUndefined();
  });

  it('names the largest parts a candidate ships untouched, and what else puts it above the floor', async () => {
    const fs = await scanImageTar(
      await tarOf({
        'usr/bin/python3.11': 6 * MB,
        'usr/lib/python3.11/json/__init__.py': 2 * MB,
        'usr/lib/python3.11/__pycache__/x.pyc': 1 * MB,
        'usr/lib/python3.11/test/test_os.py': 4 * MB,
        'usr/lib/python3.11/email/parser.py': 1 * MB,
        'opt/venv/lib/python3.11/site-packages/flask/app.py': 3 * MB,
        'opt/venv/lib/python3.11/site-packages/pip/req.py': 2 * MB,
        'usr/share/locale/de/libc.mo': 3 * MB,
        'usr/share/doc/x/copyright': 50_000,
        'usr/bin/bash': 1 * MB,
      }),
    );
    const u = untouchedParts(fs, usage, '/app');
    expect(u.filesBytes).toBe(23.05 * MB);
    expect(u.parts).toEqual([
      { bytes: 5 * MB, what: 'stdlib never imported (test 4.0 MB, email 1.0 MB)' },
      { bytes: 3 * MB, what: 'locale data never read (libc.mo 3.0 MB)' },
      { bytes: 2 * MB, what: 'installed packages never imported or read (pip 2.0 MB)' },
      { bytes: 1 * MB, what: 'programs never run (shell, coreutils...) (bash 1.0 MB)' },
      { bytes: 1 * MB, what: 'bytecode start-up loaded (1 .pyc files: what buys the cold start)' },
      { bytes: 50_000, what: 'documentation (doc, man, info)' },
    ]);
    const floor = { usedBytes: 12 * MB, bytes: 12 * MB, sources: [], measuredIn: 'full' };
    const above = aboveFloor(
      { sizeBytes: 25 * MB, used: summariseUsage(usage, '/app'), untouched: u },
      floor,
    );
    expect(above.map((a) => a.what)).toEqual([
      'stdlib never imported (test 4.0 MB, email 1.0 MB)',
      'locale data never read (libc.mo 3.0 MB)',
      "files it uses beyond the floor's (full)",
      'installed packages never imported or read (pip 2.0 MB)',
      'bytes its layers hold that later layers deleted or replaced',
      'programs never run (shell, coreutils...) (bash 1.0 MB)',
      'bytecode start-up loaded (1 .pyc files: what buys the cold start)',
    ]);
    expect(above.find((a) => a.what.startsWith('bytes its layers'))?.bytes).toBe(1.95 * MB);
  });
});
