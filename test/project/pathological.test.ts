import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parsePipfileLock, parseTomlLock } from '../../src/project/locks.js';
import { parsePyproject } from '../../src/project/pyproject.js';
import { parseRequirement } from '../../src/project/requirement-line.js';
import { logicalLines } from '../../src/project/requirements-lines.js';
import { TomlLines } from '../../src/project/toml.js';

// Inputs near the 5 MB limit that once made a regex or a lookup go quadratic (or worse).
const N = 1_000_000;

function fast(f: () => unknown): number {
  const t0 = performance.now();
  try {
    f();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  return performance.now() - t0;
}

describe('pathological inputs stay fast', () => {
  it.each<[string, () => unknown]>([
    ['a line of spaces (comment stripping)', () => logicalLines(`${' '.repeat(N)}x`)],
    ['a run of backslashes (continuations)', () => logicalLines(`${'\\'.repeat(N)}x\\`)],
    ['a key-like TOML line without =', () => new TomlLines(`${'a'.repeat(N)}!`)],
    ['an unclosed TOML header', () => new TomlLines(`[${' '.repeat(N)}\nx`)],
    ['deeply nested marker parentheses', () => parseRequirement(`a; ${'('.repeat(N)}`, { file: 'r' })],
    ['deeply nested TOML arrays', () => parsePyproject(`a = ${'['.repeat(N)}`)],
    [
      '50k PEP 621 dependencies',
      () =>
        parsePyproject(
          `[project]\ndependencies = [\n${Array.from({ length: 50_000 }, (_, i) => `"p${i}>=1",\n`).join('')}]\n`,
        ),
    ],
    [
      '50k Poetry dependencies',
      () =>
        parsePyproject(
          `[tool.poetry.dependencies]\n${Array.from({ length: 50_000 }, (_, i) => `p${i} = "^1.0"`).join('\n')}`,
        ),
    ],
    [
      'a uv.lock with 50k packages',
      () =>
        parseTomlLock(
          Array.from({ length: 50_000 }, (_, i) => `[[package]]\nname = "p${i}"\nversion = "1.0"\n`).join(
            '\n',
          ),
          'uv.lock',
        ),
    ],
    [
      'a Pipfile.lock with 50k packages',
      () =>
        parsePipfileLock(
          JSON.stringify(
            {
              default: Object.fromEntries(
                Array.from({ length: 50_000 }, (_, i) => [`p${i}`, { version: '==1' }]),
              ),
            },
            null,
            4,
          ),
        ),
    ],
  ])('%s', (_, f) => {
    expect(fast(f)).toBeLessThan(3000);
  });
});
