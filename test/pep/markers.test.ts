import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateMarker, linuxMarkerEnv, markerError } from '../../src/pep/marker.js';

const env = linuxMarkerEnv('3.12', 'x86_64');

describe('evaluateMarker on a Linux container', () => {
  it('drops Windows and macOS only dependencies', () => {
    expect(evaluateMarker('sys_platform == "win32"', env)).toBe(false);
    expect(evaluateMarker("platform_system == 'Darwin'", env)).toBe(false);
    expect(evaluateMarker('sys_platform != "win32"', env)).toBe(true);
  });
  it('compares Python versions as versions', () => {
    expect(evaluateMarker('python_version < "3.8"', env)).toBe(false);
    expect(evaluateMarker('python_version >= "3.10"', env)).toBe(true);
    expect(evaluateMarker('"3.9" <= python_version', env)).toBe(true);
  });
  it('combines with and/or/parentheses, three-valued', () => {
    expect(evaluateMarker('python_version < "3.8" or sys_platform == "linux"', env)).toBe(true);
    expect(
      evaluateMarker('(os_name == "nt" or sys_platform == "cygwin") and python_version > "3"', env),
    ).toBe(false);
    expect(evaluateMarker('extra == "dev"', env)).toBeUndefined();
    expect(evaluateMarker('extra == "dev" and sys_platform == "win32"', env)).toBe(false);
    expect(evaluateMarker('platform_machine in "x86_64 aarch64"', env)).toBe(true);
  });
  it('answers each env for itself: an answer is kept per env, not per marker', () => {
    const marker = 'python_version >= "3.10"';
    const [old, next] = [linuxMarkerEnv('3.9', 'x86_64'), linuxMarkerEnv('3.13', 'aarch64')];
    for (let i = 0; i < 3; i++) {
      expect(evaluateMarker(marker, old)).toBe(false);
      expect(evaluateMarker(marker, next)).toBe(true);
      expect(evaluateMarker('platform_machine == "aarch64"', old)).toBe(false);
      expect(evaluateMarker('platform_machine == "aarch64"', next)).toBe(true);
    }
  });
  it('gives undefined for what it cannot read', () => {
    expect(evaluateMarker('python_version <', env)).toBeUndefined();
    expect(evaluateMarker('(sys_platform == "linux"', env)).toBeUndefined();
    expect(evaluateMarker('', env)).toBe(true);
  });
});

describe('one parser for the scan and the analysis', () => {
  it('reports a typo the analysis cannot evaluate, and accepts what it evaluates', () => {
    expect(markerError('sys_platfrom == "linux"')).toBe("unknown marker variable 'sys_platfrom'");
    expect(evaluateMarker('sys_platfrom == "linux"', env)).toBeUndefined();
    expect(markerError('python_version >= "3.9" and (os_name == "posix")')).toBeUndefined();
  });
  it('never evaluates to true or false what the scan would refuse', () => {
    const piece = fc.constantFrom(
      'python_version',
      '"3.9"',
      '==',
      '<',
      'and',
      'or',
      '(',
      ')',
      'extra',
      'nope',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const marker = parts.join(' ');
        if (marker !== '' && markerError(marker) !== undefined)
          expect(evaluateMarker(marker, env)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
