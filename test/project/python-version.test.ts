import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  fromFlag,
  fromPythonVersionFile,
  fromRuntimeTxt,
  fromSpecifier,
  newestAllowedMinor,
  parseVersionText,
} from '../../src/project/python-version.js';

const at = { file: 'x', line: 1 };

describe('python version parsing', () => {
  it.each([
    ['3.12', '3.12'],
    ['3.12.1', '3.12'],
    ['3.13t', '3.13'],
    ['3.14.0rc1', '3.14'],
    ['cpython-3.11', '3.11'],
    ['python-3.11.4', '3.11'],
    ['  3.8\t', '3.8'],
  ])('%j → %s', (text, v) => expect(parseVersionText(text, at, 'x')).toBe(v));

  it.each(['pypy3.10-7.3.12', 'system', 'latest', '', '3', 'miniconda3-latest'])('rejects %j', (text) => {
    expect(() => parseVersionText(text, at, 'x')).toThrow(UserError);
  });

  it.each(['2.7', '3.7.17', '3.15', '4.0'])('refuses unsupported %s with the supported range', (text) => {
    try {
      parseVersionText(text, at, 'x');
      expect.fail('should throw');
    } catch (e) {
      expect((e as UserError).message).toContain('3.8–3.14');
    }
  });

  it('.python-version: first non-comment line, with its line number', () => {
    expect(fromPythonVersionFile('# pinned\n\n3.12.1\n3.11\n', '.python-version')).toEqual({
      version: '3.12',
      source: { file: '.python-version', line: 3 },
      reason: 'from .python-version',
    });
    expect(() => fromPythonVersionFile('\n\n', '.python-version')).toThrow('is empty');
    try {
      fromPythonVersionFile('pypy3.10\n', '.python-version');
    } catch (e) {
      expect((e as UserError).hint).toContain('CPython');
    }
  });

  it('unsupported old lines are named end of life, with the newest supported proposed', () => {
    expect(() => parseVersionText('3.7.17', at, 'x')).toThrow(
      "Python 3.7 (from '3.7.17') is end of life since June 2023 and not supported",
    );
    expect(() => parseVersionText('2.7', at, 'x')).toThrow(
      "2.7 (from '2.7') is end of life since January 2020",
    );
    try {
      parseVersionText('3.15', at, 'x');
      expect.fail('should throw');
    } catch (e) {
      expect((e as UserError).message).toContain('3.15');
      expect((e as UserError).message).toContain('is not supported');
      expect((e as UserError).hint).toContain('the newest: 3.14');
    }
  });

  it('runtime.txt and --python', () => {
    expect(fromRuntimeTxt('python-3.11.4\n', 'runtime.txt').version).toBe('3.11');
    // Read, not refused: an end-of-life runtime.txt is a warning with a fallback (python-choice).
    expect(fromRuntimeTxt('\npython-2.7.18\n', 'runtime.txt')).toMatchObject({
      version: '2.7',
      source: { file: 'runtime.txt', line: 2 },
    });
    expect(fromFlag('3.10')).toEqual({
      version: '3.10',
      source: { file: '--python' },
      reason: 'given with --python',
    });
    expect(() => fromFlag('3.7')).toThrow(UserError);
  });
});

describe('requires-python → the newest allowed minor slim-py has images for', () => {
  it.each([
    ['>=3.9', 14],
    ['>=3.6', 14],
    ['~=3.11', 14],
    ['~=3.11.0', 11],
    ['==3.12.*', 12],
    ['>=3.9,<3.13,!=3.9.*', 12],
    ['>3.10', 14],
    ['<3.10', 9],
    ['>=3.8, <4', 14],
    ['>=3.9,<3.10 || >=3.11,<3.12', 11],
    ['', 14],
  ])('%j → 3.%i', (spec, minor) => expect(newestAllowedMinor(spec, at)).toBe(minor));

  it('says which rule chose it', () => {
    expect(fromSpecifier('>=3.9', at, 'requires-python')).toEqual({
      version: '3.14',
      source: at,
      reason:
        "the newest version that requires-python '>=3.9' allows, of the 3.8–3.14 slim-py has images for (pass --python X.Y for another)",
    });
  });

  it('rejects specifiers that allow nothing supported, or are not specifiers', () => {
    expect(() => fromSpecifier('<3.7', at, 'requires-python')).toThrow('allows no Python');
    expect(() => fromSpecifier('>=3.15', at, 'requires-python')).toThrow('allows no Python');
    expect(() => fromSpecifier('three', at, 'requires-python')).toThrow(UserError);
  });
});
