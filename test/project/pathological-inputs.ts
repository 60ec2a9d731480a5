import { UserError } from '../../src/errors.js';
import { type Locks, parsePipfileLock, parseTomlLock } from '../../src/project/locks.js';
import { type PyprojectInfo, parsePyproject } from '../../src/project/pyproject.js';
import { parseRequirement } from '../../src/project/requirement-line.js';
import { logicalLines } from '../../src/project/requirements-lines.js';
import { TomlLines } from '../../src/project/toml.js';

/**
 * Inputs that once made a regex or a lookup go quadratic (or worse), each at a size `n`: the unit
 * test runs them at `size` (near the 5 MB a project file may have) and checks what comes out; the
 * bench times them at size and 4× size side by side, so a return to quadratic shows as a ratio.
 */
export interface PathologicalInput {
  name: string;
  size: number;
  /** Returns what was parsed, or the UserError it was refused with (never another error). */
  run(n: number): unknown;
  /** For the inputs of n entries: how many the result kept (every one must be). */
  kept?: (got: unknown) => number | undefined;
}

const lines = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i)).join('\n');
const M = 1_000_000;
const K50 = 50_000;

export const PATHOLOGICAL: PathologicalInput[] = [
  {
    name: 'a line of spaces (comment stripping)',
    size: M,
    run: (n) => [...logicalLines(`${' '.repeat(n)}x`)],
  },
  {
    name: 'a run of backslashes (continuations)',
    size: M,
    run: (n) => [...logicalLines(`${'\\'.repeat(n)}x\\`)],
  },
  { name: 'a key-like TOML line without =', size: M, run: (n) => new TomlLines(`${'a'.repeat(n)}!`) },
  { name: 'an unclosed TOML header', size: M, run: (n) => new TomlLines(`[${' '.repeat(n)}\nx`) },
  {
    name: 'deeply nested marker parentheses',
    size: M,
    run: (n) => parseRequirement(`a; ${'('.repeat(n)}`, { file: 'r' }),
  },
  { name: 'deeply nested TOML arrays', size: M, run: (n) => parsePyproject(`a = ${'['.repeat(n)}`) },
  {
    name: '50k PEP 621 dependencies',
    size: K50,
    run: (n) => parsePyproject(`[project]\ndependencies = [\n${lines(n, (i) => `"p${i}>=1",`)}\n]\n`),
    kept: (got) => (got as PyprojectInfo).pep621?.length,
  },
  {
    name: '50k Poetry dependencies',
    size: K50,
    run: (n) => parsePyproject(`[tool.poetry.dependencies]\n${lines(n, (i) => `p${i} = "^1.0"`)}`),
    kept: (got) => (got as PyprojectInfo).poetry?.dependencies.length,
  },
  {
    name: 'a uv.lock with 50k packages',
    size: K50,
    run: (n) =>
      parseTomlLock(
        lines(n, (i) => `[[package]]\nname = "p${i}"\nversion = "1.0"\n`),
        'uv.lock',
      ),
    kept: (got) => (got as Locks).size,
  },
  {
    name: 'a Pipfile.lock with 50k packages',
    size: K50,
    run: (n) =>
      parsePipfileLock(
        JSON.stringify({
          default: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { version: '==1' }])),
        }),
      ),
    kept: (got) => (got as Locks).size,
  },
];

/** What the input gave: its result, or the UserError that refused it; any other error is thrown. */
export function outcome(input: PathologicalInput, n = input.size): unknown {
  try {
    return input.run(n);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}
