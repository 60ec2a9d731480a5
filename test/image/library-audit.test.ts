import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolvePath, scanImageTar } from '../../src/image/image-fs.js';
import { auditImageTar, auditLibraries } from '../../src/image/library-audit.js';
import { syntheticElf } from './helpers/synthetic-elf.js';
import { makeTar, type TarItem } from './helpers/tar.js';

const SITE = 'usr/local/lib/python3.11/site-packages';
const libc = syntheticElf({ soname: 'libc.so.6' });

/** A Debian-like usrmerge layout: /lib and /bin are symlinks into /usr. */
function base(): TarItem[] {
  return [
    { name: 'usr/', type: 'directory' },
    { name: 'usr/lib/', type: 'directory' },
    { name: 'usr/lib/x86_64-linux-gnu/', type: 'directory' },
    { name: 'usr/bin/', type: 'directory' },
    { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
    { name: 'bin', type: 'symlink', linkname: 'usr/bin' },
    { name: 'usr/bin/dash', content: 'x' },
    { name: 'usr/bin/sh', type: 'symlink', linkname: 'dash' },
    { name: 'usr/lib/x86_64-linux-gnu/libc.so.6', content: libc },
  ];
}

describe('library audit on a synthetic image', () => {
  it('resolves through usrmerge symlinks and reports a missing libpq with its package', async () => {
    const tar = makeTar([
      ...base(),
      {
        name: `${SITE}/psycopg2/_psycopg.cpython-311-x86_64-linux-gnu.so`,
        content: syntheticElf({ needed: ['libpq.so.5', 'libc.so.6'] }),
      },
    ]);
    const r = await auditImageTar(tar);
    expect(r.checked).toBe(1);
    expect(r.hasShell).toBe(true);
    expect(r.family).toBe('apt');
    expect(r.missing).toEqual([
      {
        soname: 'libpq.so.5',
        neededBy: `/${SITE}/psycopg2/_psycopg.cpython-311-x86_64-linux-gnu.so`,
        package: 'libpq5',
      },
    ]);
  });

  it('is satisfied when the library is there (versioned file behind a symlink)', async () => {
    const r = await auditImageTar(
      makeTar([
        ...base(),
        {
          name: 'usr/lib/x86_64-linux-gnu/libpq.so.5.15',
          content: syntheticElf({ soname: 'libpq.so.5', needed: ['libc.so.6'] }),
        },
        { name: 'usr/lib/x86_64-linux-gnu/libpq.so.5', type: 'symlink', linkname: 'libpq.so.5.15' },
        {
          name: `${SITE}/psycopg2/_psycopg.so`,
          content: syntheticElf({ needed: ['libpq.so.5', 'libc.so.6'] }),
        },
      ]),
    );
    expect(r.missing).toEqual([]);
  });

  it('follows $ORIGIN RUNPATH into vendored .libs and audits them transitively', async () => {
    const r = await auditImageTar(
      makeTar([
        ...base(),
        {
          name: `${SITE}/numpy/core/_multiarray.so`,
          content: syntheticElf({
            needed: ['libopenblas-abc.so', 'libc.so.6'],
            runpath: '$ORIGIN/../../numpy.libs',
          }),
        },
        // The vendored lib needs libgfortran, which nobody ships: found transitively.
        {
          name: `${SITE}/numpy.libs/libopenblas-abc.so`,
          content: syntheticElf({ needed: ['libgfortran.so.5'] }),
        },
      ]),
    );
    // Both objects live under site-packages, so both are roots.
    expect(r.checked).toBe(2);
    expect(r.missing).toEqual([
      {
        soname: 'libgfortran.so.5',
        neededBy: `/${SITE}/numpy.libs/libopenblas-abc.so`,
        package: 'libgfortran5',
      },
    ]);
  });

  it('follows a system library transitively (libpq present, its libssl missing)', async () => {
    const r = await auditImageTar(
      makeTar([
        ...base(),
        {
          name: 'usr/lib/x86_64-linux-gnu/libpq.so.5',
          content: syntheticElf({ needed: ['libssl.so.3', 'libc.so.6'] }),
        },
        { name: `${SITE}/pq/_pq.so`, content: syntheticElf({ needed: ['libpq.so.5'] }) },
      ]),
    );
    expect(r.missing.map((m) => [m.soname, m.neededBy])).toEqual([
      ['libssl.so.3', '/usr/lib/x86_64-linux-gnu/libpq.so.5'],
    ]);
  });

  it('uses ld.so.conf.d directories and LD_LIBRARY_PATH, skips libraries of another architecture', async () => {
    const items: TarItem[] = [
      ...base(),
      { name: 'etc/ld.so.conf.d/x.conf', content: '# comment\n/opt/x/lib\n' },
      { name: 'opt/x/lib/libx.so.1', content: syntheticElf({}) },
      { name: 'opt/y/lib/liby.so.1', content: syntheticElf({}) },
      // An aarch64 libz first in the search order must be skipped, like ld.so does.
      { name: 'usr/local/lib/libz.so.1', content: syntheticElf({ machine: 183 }) },
      { name: `${SITE}/m/_m.so`, content: syntheticElf({ needed: ['libx.so.1', 'liby.so.1', 'libz.so.1'] }) },
    ];
    const fs = await scanImageTar(makeTar(items));
    expect(auditLibraries(fs, { ldLibraryPath: '/opt/y/lib' }).missing.map((m) => m.soname)).toEqual([
      'libz.so.1',
    ]);
    expect(auditLibraries(fs).missing.map((m) => m.soname)).toEqual(['liby.so.1', 'libz.so.1']);
  });

  it('reports no shell for a distroless-like image and handles hard links', async () => {
    const r = await auditImageTar(
      makeTar([
        { name: 'usr/lib/x86_64-linux-gnu/libc.so.6', content: libc },
        { name: 'lib64', type: 'symlink', linkname: 'usr/lib64' },
        { name: `${SITE}/a/_a.so`, content: syntheticElf({ needed: ['libc.so.6'] }) },
        { name: `${SITE}/a/_b.so`, type: 'link', linkname: `${SITE}/a/_a.so` },
      ]),
    );
    expect(r.hasShell).toBe(false);
    expect(r.checked).toBe(2);
    expect(r.missing).toEqual([]);
  });

  it('detects an alpine image and reads musl loader paths', async () => {
    const r = await auditImageTar(
      makeTar([
        { name: 'etc/alpine-release', content: '3.20.0\n' },
        { name: 'etc/ld-musl-x86_64.path', content: '/lib:/usr/local/lib:/usr/lib:/opt/m' },
        { name: 'lib/libc.musl-x86_64.so.1', content: syntheticElf({}) },
        { name: 'opt/m/libm1.so', content: syntheticElf({}) },
        {
          name: 'usr/lib/python3.11/site-packages/p/_p.so',
          content: syntheticElf({ needed: ['libc.musl-x86_64.so.1', 'libm1.so', 'libpq.so.5'] }),
        },
      ]),
    );
    expect(r.family).toBe('apk');
    expect(r.missing).toEqual([
      { soname: 'libpq.so.5', neededBy: '/usr/lib/python3.11/site-packages/p/_p.so', package: 'libpq' },
    ]);
  });

  it('resolvePath follows relative, absolute and chained links and stops on loops', async () => {
    const fs = await scanImageTar(
      makeTar([
        ...base(),
        { name: 'a', type: 'symlink', linkname: '/b' },
        { name: 'b', type: 'symlink', linkname: 'a' },
        {
          name: 'usr/lib/x86_64-linux-gnu/libq.so',
          type: 'symlink',
          linkname: '../../../lib/x86_64-linux-gnu/libc.so.6',
        },
      ]),
    );
    expect(resolvePath(fs, '/lib/x86_64-linux-gnu/libc.so.6')).toBe('/usr/lib/x86_64-linux-gnu/libc.so.6');
    expect(resolvePath(fs, '/lib/x86_64-linux-gnu/libq.so')).toBe('/usr/lib/x86_64-linux-gnu/libc.so.6');
    expect(resolvePath(fs, '/bin/sh')).toBe('/usr/bin/dash');
    expect(resolvePath(fs, '/a')).toBeUndefined();
    expect(resolvePath(fs, '/nope/x')).toBeUndefined();
  });

  it('parses a real shared object taken from this machine inside a tar', async () => {
    const real = readFileSync(
      (await import('node:child_process'))
        .execFileSync('python3', ['-c', 'import _ssl; print(_ssl.__file__)'])
        .toString()
        .trim(),
    );
    const fs = await scanImageTar(makeTar([{ name: `${SITE}/x/_ssl.so`, content: real }]));
    expect(fs.elf.get(`/${SITE}/x/_ssl.so`)?.needed).toContain('libssl.so.3');
  });
});
