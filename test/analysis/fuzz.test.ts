import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimplePage } from '../../src/analysis/simple-page.js';
import { decide, parseSdistName, parseWheelName } from '../../src/analysis/wheel-tags.js';
import { evaluateMarker, linuxMarkerEnv } from '../../src/pep/marker.js';
import { canonicalVersion, compareVersions, isPrerelease, satisfies } from '../../src/pep/pep440.js';

const env = linuxMarkerEnv('3.12', 'x86_64');
const platform = { python: '3.12', libc: 'glibc', arch: 'x86_64' } as const;
// Strings built from the characters these formats are made of, so the parsers get past their first check.
const tagChars = fc.stringMatching(/^[a-z0-9_.\-+!*<>=~, ]{0,40}$/);

describe('parsers never throw on arbitrary input', () => {
  it('filenames, versions, specifiers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), tagChars), fc.oneof(fc.string(), tagChars), (a, b) => {
        parseWheelName(`${a}.whl`);
        parseSdistName(`${a}.tar.gz`, b);
        canonicalVersion(a);
        isPrerelease(a);
        compareVersions(a, a);
        expect(typeof satisfies(a, b)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('markers are true, false or undefined', () => {
    const markerish = fc.stringMatching(/^[a-z_ ()"'<>=!.0-9]{0,60}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), markerish), (m) => {
        expect([true, false, undefined]).toContain(evaluateMarker(m, env));
      }),
      { numRuns: 500 },
    );
  });

  it('index pages and decisions', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(tagChars, { maxLength: 8 }), (body, names) => {
        parseSimplePage(body, 'text/html', 'http://127.0.0.1/simple/x/');
        parseSimplePage(body, 'application/vnd.pypi.simple.v1+json', 'http://127.0.0.1/simple/x/');
        const files = names.map((n) => ({ filename: `x-${n}.whl`, url: 'u', requiresPython: n }));
        const d = decide('x', files, platform);
        expect(['pure', 'wheel', 'compile', 'none', 'unknown']).toContain(d.availability);
      }),
      { numRuns: 300 },
    );
  });
});
