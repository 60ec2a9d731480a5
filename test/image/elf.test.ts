import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferReader, readElfDynamic } from '../../src/image/elf.js';

/** Real shared objects of this machine: Python's extension modules and a few system libraries. */
function realSharedObjects(): string[] {
  const dirs = [
    execFileSync('python3', [
      '-c',
      'import sysconfig; print(sysconfig.get_path("platstdlib") + "/lib-dynload")',
    ])
      .toString()
      .trim(),
    '/usr/lib/python3.11/lib-dynload',
  ];
  const files = dirs.filter(existsSync).flatMap((d) =>
    readdirSync(d)
      .slice(0, 25)
      .map((f) => join(d, f)),
  );
  for (const lib of ['libz.so.1', 'libssl.so.3', 'libc.so.6', 'libstdc++.so.6']) {
    const p = join('/usr/lib/x86_64-linux-gnu', lib);
    if (existsSync(p)) files.push(p);
  }
  return files.filter((f) => f.includes('.so'));
}

function readelf(path: string) {
  const out = execFileSync('readelf', ['-d', '-W', path]).toString();
  const grab = (tag: string) =>
    [...out.matchAll(new RegExp(`\\(${tag}\\)\\s+[^\\[]*\\[([^\\]]*)\\]`, 'g'))].map((m) => m[1] as string);
  return {
    needed: grab('NEEDED'),
    rpath: grab('RPATH').flatMap((s) => s.split(':')),
    runpath: grab('RUNPATH').flatMap((s) => s.split(':')),
    soname: grab('SONAME')[0],
  };
}

const hasReadelf = (() => {
  try {
    execFileSync('readelf', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe('readElfDynamic on real files', () => {
  const files = realSharedObjects();

  it('finds shared objects to test on', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('reads what readelf reads (NEEDED, RPATH, RUNPATH, SONAME)', { skip: !hasReadelf }, () => {
    let withRunpath = 0;
    for (const f of files) {
      const dyn = readElfDynamic(bufferReader(readFileSync(f)));
      const want = readelf(f);
      expect(dyn, f).toBeDefined();
      expect({
        f,
        needed: dyn?.needed,
        rpath: dyn?.rpath,
        runpath: dyn?.runpath,
        soname: dyn?.soname,
      }).toEqual({
        f,
        ...want,
      });
      if (want.runpath.length > 0) withRunpath++;
    }
    console.log(`compared ${files.length} files with readelf, ${withRunpath} with RUNPATH`);
  });

  it('knows what _ssl and libz need', () => {
    const ssl = files.find((f) => /\/_ssl\.cpython/.test(f));
    if (ssl) {
      const dyn = readElfDynamic(bufferReader(readFileSync(ssl)));
      expect(dyn?.needed).toEqual(expect.arrayContaining(['libssl.so.3', 'libcrypto.so.3', 'libc.so.6']));
      expect(dyn?.machine).toBe(62);
      expect(dyn?.bits).toBe(64);
    }
    const z = files.find((f) => f.endsWith('/libz.so.1'));
    if (z) expect(readElfDynamic(bufferReader(readFileSync(z)))?.soname).toBe('libz.so.1');
    expect(ssl ?? z).toBeDefined();
  });

  it('answers undefined for non-ELF bytes and truncated files', () => {
    expect(readElfDynamic(bufferReader(Buffer.from('#!/bin/sh\necho hi\n')))).toBeUndefined();
    const real = readFileSync(files[0] as string);
    expect(readElfDynamic(bufferReader(real.subarray(0, 40)))).toBeUndefined();
  });
});
