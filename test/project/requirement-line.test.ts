import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { normalizeName } from '../../src/project/normalize.js';
import { parseRequirement, parseSpecifier } from '../../src/project/requirement-line.js';

const at = { file: 'requirements.txt', line: 7 };

describe('normalizeName (PEP 503)', () => {
  it.each([
    ['Flask', 'flask'],
    ['python_dateutil', 'python-dateutil'],
    ['zope.interface', 'zope-interface'],
    ['Foo.-_Bar', 'foo-bar'],
    // Already normal, or one step away from it.
    ['pkg-12', 'pkg-12'],
    ['pkg--12', 'pkg-12'],
    ['-pkg-', '-pkg-'],
    ['pkg12A', 'pkg12a'],
  ])('%s → %s', (a, b) => expect(normalizeName(a)).toBe(b));
});

describe('parseRequirement (PEP 508)', () => {
  it('reads a pinned name', () => {
    expect(parseRequirement('Flask==1.1.1', at)).toEqual({
      name: 'flask',
      extras: [],
      specifier: '==1.1.1',
      marker: '',
    });
  });

  it('reads extras, spaced clauses and a marker', () => {
    const r = parseRequirement('requests [socks, Security] >= 2.31 , < 3 ; python_version >= "3.8"', at);
    expect(r).toEqual({
      name: 'requests',
      extras: ['socks', 'security'],
      specifier: '>=2.31,<3',
      marker: 'python_version >= "3.8"',
    });
  });

  it('accepts parenthesised specifiers, wildcards, ~= and ===', () => {
    expect(parseRequirement('zope.interface (>=5.0, !=5.1.*)', at).specifier).toBe('>=5.0,!=5.1.*');
    expect(parseRequirement('rich~=13.7', at).specifier).toBe('~=13.7');
    expect(parseRequirement('legacy===1.0-custom', at).specifier).toBe('===1.0-custom');
    expect(parseRequirement('dateutil==2.9.0.post0', at).specifier).toBe('==2.9.0.post0');
    expect(parseRequirement('torch==2.3.0+cpu', at).specifier).toBe('==2.3.0+cpu');
  });

  it('reads `name @ URL` with a marker after whitespace', () => {
    const r = parseRequirement(
      'pyjwt @ git+https://github.com/jpadilla/pyjwt.git@2.8.0 ; python_version < "4"',
      at,
    );
    expect(r.url).toBe('git+https://github.com/jpadilla/pyjwt.git@2.8.0');
    expect(r.marker).toBe('python_version < "4"');
  });

  it('accepts nested and/or markers with parentheses', () => {
    const m = '(sys_platform == "linux" or sys_platform == "darwin") and extra == "fast"';
    expect(parseRequirement(`uvloop; ${m}`, at).marker).toBe(m);
  });

  it.each([
    ['flask>=', "'>=' has no version"],
    ['flask=1.0', 'does not start with a comparison'],
    ['flask>=1.0.*', 'only == and != take .*'],
    ['flask~=1', 'needs at least two version parts'],
    ['flask==abc', 'not a PEP 440 version'],
    ['[extra]', 'expected a package name'],
    ['flask[a', "missing ']'"],
    ['flask; python_versio == "3"', "unknown marker variable 'python_versio'"],
    ['flask; python_version >= ', 'marker ends too early'],
    ['flask @ notaurl', 'is not a URL'],
    ['flask[a b]', 'not a valid extra name'],
  ])('rejects %s (%s) with file:line and a hint', (text, why) => {
    try {
      parseRequirement(text, at);
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      const u = e as UserError;
      expect(u.message).toContain(why);
      expect(u.where).toEqual(at);
      expect(u.hint).toContain('PEP 508');
    }
  });
});

describe('parseSpecifier', () => {
  it('compacts and validates', () => {
    expect(parseSpecifier(' >= 1.2 , < 2 ')).toEqual({ value: '>=1.2,<2' });
    expect(parseSpecifier('')).toEqual({ value: '' });
    expect(parseSpecifier('>=1,')).toHaveProperty('error');
  });
});
