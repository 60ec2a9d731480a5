import { describe, expect, it } from 'vitest';
import type { IndexFile } from '../../src/analysis/types.js';
import {
  decide,
  type Platform,
  parseSdistName,
  parseWheelName,
  wheelFits,
} from '../../src/analysis/wheel-tags.js';

const files = (...names: string[]): IndexFile[] =>
  names.map((filename) => ({ filename, url: `https://x/${filename}` }));
const glibc312: Platform = { python: '3.12', libc: 'glibc', arch: 'x86_64' };
const musl312: Platform = { python: '3.12', libc: 'musl', arch: 'x86_64' };
const glibc311arm: Platform = { python: '3.11', libc: 'glibc', arch: 'aarch64' };

// Real filenames, as PyPI serves them.
const NUMPY = files(
  'numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'numpy-1.26.4-cp312-cp312-musllinux_1_1_x86_64.whl',
  'numpy-1.26.4-cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64.whl',
  'numpy-1.26.4-cp312-cp312-win_amd64.whl',
  'numpy-1.26.4.tar.gz',
  'numpy-1.24.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'numpy-1.24.4.tar.gz',
);
const CRYPTOGRAPHY = files(
  'cryptography-42.0.5-cp39-abi3-manylinux_2_28_x86_64.whl',
  'cryptography-42.0.5-cp39-abi3-musllinux_1_2_x86_64.whl',
  'cryptography-42.0.5-cp37-abi3-manylinux_2_17_aarch64.manylinux2014_aarch64.whl',
  'cryptography-42.0.5-cp39-abi3-macosx_10_12_universal2.whl',
  'cryptography-42.0.5.tar.gz',
);

describe('parse filenames', () => {
  it('splits wheel tags, including compressed tag sets and build numbers', () => {
    expect(parseWheelName('numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')).toEqual(
      {
        kind: 'wheel',
        name: 'numpy',
        version: '1.26.4',
        pythons: ['cp312'],
        abis: ['cp312'],
        platforms: ['manylinux_2_17_x86_64', 'manylinux2014_x86_64'],
      },
    );
    const built = parseWheelName('Flask-1.1.1-1-py2.py3-none-any.whl');
    expect(built?.name).toBe('flask');
    expect(built?.pythons).toEqual(['py2', 'py3']);
    expect(parseWheelName('not-a-wheel.tar.gz')).toBeUndefined();
    expect(parseWheelName('bad-name.whl')).toBeUndefined();
  });

  it('reads sdist versions, also for names with dashes', () => {
    expect(parseSdistName('psycopg2-2.9.9.tar.gz', 'psycopg2')).toMatchObject({ version: '2.9.9' });
    expect(parseSdistName('python-ldap-3.4.4.tar.gz', 'python-ldap')).toMatchObject({ version: '3.4.4' });
    expect(parseSdistName('python_ldap-3.4.4.tar.gz', 'python-ldap')).toMatchObject({ version: '3.4.4' });
    expect(parseSdistName('pycrypto-2.6.1.tar.gz')).toMatchObject({ name: 'pycrypto', version: '2.6.1' });
    expect(parseSdistName('foo-1.0.zip')).toMatchObject({ version: '1.0' });
    expect(parseSdistName('foo-1.0.exe')).toBeUndefined();
  });
});

describe('wheel compatibility', () => {
  const w = (f: string) => parseWheelName(f)!;
  it('accepts cp312, abi3 from older CPython, and py3-none-any', () => {
    expect(wheelFits(w('x-1-cp312-cp312-manylinux_2_17_x86_64.whl'), glibc312)).toBe('wheel');
    expect(wheelFits(w('x-1-cp37-abi3-manylinux2014_x86_64.whl'), glibc312)).toBe('wheel');
    expect(wheelFits(w('x-1-py2.py3-none-any.whl'), glibc312)).toBe('pure');
    expect(wheelFits(w('x-1-py3-none-any.whl'), musl312)).toBe('pure');
  });
  it('rejects other interpreters and ABIs', () => {
    expect(wheelFits(w('x-1-cp311-cp311-manylinux_2_17_x86_64.whl'), glibc312)).toBeUndefined();
    expect(wheelFits(w('x-1-cp313-abi3-manylinux_2_17_x86_64.whl'), glibc312)).toBeUndefined();
    expect(wheelFits(w('x-1-cp312-cp312t-manylinux_2_17_x86_64.whl'), glibc312)).toBeUndefined();
    expect(wheelFits(w('x-1-py2-none-any.whl'), glibc312)).toBeUndefined();
    expect(wheelFits(w('x-1-pp310-pypy310_pp73-manylinux_2_17_x86_64.whl'), glibc312)).toBeUndefined();
  });
  it('matches glibc and musl platforms, and the arch', () => {
    expect(wheelFits(w('x-1-cp312-cp312-manylinux_2_36_x86_64.whl'), glibc312)).toBe('wheel');
    expect(wheelFits(w('x-1-cp312-cp312-manylinux_2_39_x86_64.whl'), glibc312)).toBeUndefined();
    expect(wheelFits(w('x-1-cp312-cp312-manylinux1_x86_64.whl'), glibc312)).toBe('wheel');
    expect(wheelFits(w('x-1-cp312-cp312-manylinux2014_x86_64.whl'), musl312)).toBeUndefined();
    expect(wheelFits(w('x-1-cp312-cp312-musllinux_1_2_x86_64.whl'), musl312)).toBe('wheel');
    expect(wheelFits(w('x-1-cp312-cp312-musllinux_1_3_x86_64.whl'), musl312)).toBeUndefined();
    expect(wheelFits(w('x-1-cp312-cp312-musllinux_1_1_x86_64.whl'), glibc312)).toBeUndefined();
    expect(wheelFits(w('x-1-cp312-cp312-manylinux2014_aarch64.whl'), glibc312)).toBeUndefined();
    // Binary tools shipped as py3-none-<platform> (ruff, cmake) are binary wheels.
    expect(wheelFits(w('ruff-0.4.4-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'), glibc312)).toBe(
      'wheel',
    );
  });
});

describe('decide', () => {
  it('numpy: wheel on glibc and musl for the newest version, per arch', () => {
    expect(decide('numpy', NUMPY, glibc312)).toMatchObject({ availability: 'wheel', version: '1.26.4' });
    expect(decide('numpy', NUMPY, musl312)).toMatchObject({
      availability: 'wheel',
      file: 'numpy-1.26.4-cp312-cp312-musllinux_1_1_x86_64.whl',
    });
    expect(decide('numpy', NUMPY, glibc311arm)).toMatchObject({ availability: 'wheel' });
    expect(decide('numpy', NUMPY, { ...glibc312, arch: 'aarch64' })).toMatchObject({
      availability: 'compile',
    });
  });

  it('numpy pinned to 1.24.4: no cp312 wheel, so it compiles from the sdist', () => {
    const d = decide('numpy', NUMPY, glibc312, { pin: '1.24.4' });
    expect(d).toMatchObject({ availability: 'compile', version: '1.24.4', file: 'numpy-1.24.4.tar.gz' });
    expect(decide('numpy', NUMPY, { ...glibc312, python: '3.11' }, { pin: '1.24.4' }).availability).toBe(
      'wheel',
    );
    expect(decide('numpy', NUMPY, glibc312, { specifier: '<1.25' }).version).toBe('1.24.4');
    expect(decide('numpy', NUMPY, glibc312, { pin: '9.9' })).toMatchObject({ availability: 'unknown' });
  });

  it('cryptography: abi3 wheels fit new Pythons on both libcs', () => {
    expect(decide('cryptography', CRYPTOGRAPHY, glibc312).availability).toBe('wheel');
    expect(decide('cryptography', CRYPTOGRAPHY, musl312).availability).toBe('wheel');
    expect(decide('cryptography', CRYPTOGRAPHY, { ...glibc312, python: '3.13' }).availability).toBe('wheel');
    // musllinux_1_2 does not fit an older musl 1.1 (Alpine <= 3.12).
    expect(decide('cryptography', CRYPTOGRAPHY, { ...musl312, musl: [1, 1] }).availability).toBe('compile');
  });

  it('pandas: musllinux wheel, and no wheel at all on an old glibc', () => {
    const pandas = files(
      'pandas-2.2.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'pandas-2.2.2-cp312-cp312-musllinux_1_2_x86_64.whl',
      'pandas-2.2.2.tar.gz',
    );
    expect(decide('pandas', pandas, musl312).availability).toBe('wheel');
    expect(decide('pandas', pandas, { ...glibc312, glibc: [2, 12] }).availability).toBe('compile');
  });

  it('psycopg2: sdist only on Linux', () => {
    const psycopg2 = files('psycopg2-2.9.9.tar.gz', 'psycopg2-2.9.9-cp312-cp312-win_amd64.whl');
    const d = decide('psycopg2', psycopg2, glibc312);
    expect(d).toMatchObject({ availability: 'compile', file: 'psycopg2-2.9.9.tar.gz' });
    expect(d.why).toContain('builds from the sdist');
  });

  it('flask: pure wheel; the pure wheel loses to a binary one of the same version', () => {
    expect(
      decide('flask', files('Flask-1.1.1-py2.py3-none-any.whl', 'Flask-1.1.1.tar.gz'), musl312).availability,
    ).toBe('pure');
    const both = files(
      'charset_normalizer-3.3.2-py3-none-any.whl',
      'charset_normalizer-3.3.2-cp312-cp312-musllinux_1_1_x86_64.whl',
    );
    expect(decide('charset-normalizer', both, musl312).availability).toBe('wheel');
    expect(decide('charset-normalizer', both, glibc312).availability).toBe('pure');
  });

  it('respects requires-python, yanked files and pre-releases', () => {
    const list: IndexFile[] = [
      { filename: 'lib-2.0-cp312-cp312-manylinux2014_x86_64.whl', url: 'u', requiresPython: '>=3.13' },
      { filename: 'lib-1.9-cp312-cp312-manylinux2014_x86_64.whl', url: 'u', yanked: true },
      { filename: 'lib-1.8.tar.gz', url: 'u', requiresPython: '>=3.8' },
      { filename: 'lib-3.0rc1-cp312-cp312-manylinux2014_x86_64.whl', url: 'u' },
    ];
    expect(decide('lib', list, glibc312)).toMatchObject({ availability: 'compile', version: '1.8' });
    expect(decide('lib', list, glibc312, { pin: '1.9' })).toMatchObject({ availability: 'wheel' });
    expect(decide('lib', list.slice(3), glibc312)).toMatchObject({
      availability: 'wheel',
      version: '3.0rc1',
    });
    expect(decide('lib', list.slice(0, 1), glibc312).availability).toBe('unknown');
  });

  it('says when the index has no file for the platform and no sdist: pip cannot install it', () => {
    const d = decide(
      'numpy',
      files('numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl'),
      musl312,
    );
    // Cannot install, not "compiles": there is nothing to compile.
    expect(d.availability).toBe('none');
    expect(d.why).toContain('no sdist');
    expect(decide('x', [], glibc312).availability).toBe('unknown');
  });
});
