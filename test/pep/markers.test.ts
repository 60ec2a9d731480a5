import { describe, expect, it } from 'vitest';
import { evaluateMarker, linuxMarkerEnv } from '../../src/pep/marker.js';

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
  it('gives undefined for what it cannot read', () => {
    expect(evaluateMarker('python_version <', env)).toBeUndefined();
    expect(evaluateMarker('(sys_platform == "linux"', env)).toBeUndefined();
    expect(evaluateMarker('', env)).toBe(true);
  });
});
