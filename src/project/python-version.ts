import { type Source, UserError } from '../errors.js';
import { satisfies } from '../pep/pep440.js';
import { endOfLife, endOfLifeText } from './python-eol.js';
import type { PythonVersion } from './types.js';

/** The Python minors slim-py knows base images for. */
export const SUPPORTED_MINORS = [8, 9, 10, 11, 12, 13, 14] as const;
export const NEWEST_STABLE = '3.13';
export const NEWEST_SUPPORTED = `3.${SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1]}`;
const RANGE = '3.8–3.14';

/** '3.12' when slim-py has images for it; otherwise a UserError that says why (end of life, or too new). */
export function checkSupported(version: string, text: string, where: Source): string {
  const [major, minor] = version.split('.').map(Number);
  if (major === 3 && (SUPPORTED_MINORS as readonly number[]).includes(minor ?? -1)) return version;
  // Every line older than the range ended years ago, so the clock cannot change this sentence.
  const eol = endOfLife(version, new Date());
  const what = eol === undefined ? 'is not supported' : `${endOfLifeText(eol)} and not supported`;
  throw new UserError(
    `Python ${version} (from '${text}') ${what}; slim-py builds images for Python ${RANGE}`,
    `declare a version between 3.8 and 3.14 (the newest: ${NEWEST_SUPPORTED}) or pass --python X.Y`,
    where,
  );
}

/** `3.12`, `3.12.1`, `3.13t`, `cpython-3.12`, `python-3.11.4` → '3.12'; anything else → UserError. */
export function parseVersionText(text: string, where: Source, what: string): string {
  return checkSupported(readVersionText(text, where, what), text.trim(), where);
}

/** Like parseVersionText, without the support check: `python-2.7.18` → '2.7'. */
export function readVersionText(text: string, where: Source, what: string): string {
  const t = text.trim();
  const m =
    /^(?:c?python-?)?(\d+)\.(\d+)(?:\.\d+)?(?:(?:a|b|rc)\d+|-?dev|t|\+)?(?:[-@][A-Za-z0-9._-]*)?$/i.exec(t);
  if (!m) {
    const hint = /^pypy|^jython|^ironpython|^graalpy|conda|^system$/i.test(t)
      ? 'slim-py builds CPython images; put a CPython version such as 3.12 there, or pass --python X.Y'
      : 'write a version such as 3.12 (or pass --python X.Y)';
    throw new UserError(`cannot read a Python version from ${what} '${t.slice(0, 60)}'`, hint, where);
  }
  return `${Number(m[1])}.${Number(m[2])}`;
}

/** `--python X.Y`. */
export function fromFlag(value: string): PythonVersion {
  const source = { file: '--python' };
  return { version: parseVersionText(value, source, '--python'), source, reason: 'given with --python' };
}

/** `.python-version`: the first line that is not blank or a comment (pyenv allows several). */
export function fromPythonVersionFile(text: string, file: string): PythonVersion {
  const lines = text.split('\n');
  const idx = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const source = { file, line: idx < 0 ? 1 : idx + 1 };
  if (idx < 0) {
    throw new UserError(`${file} is empty`, 'write a version such as 3.12 in it, or delete it', source);
  }
  const version = parseVersionText(lines[idx] ?? '', source, file);
  return { version, source, reason: `from ${file}` };
}

/**
 * Heroku-style `runtime.txt`: `python-3.11.4`. The version is not checked against the supported
 * range here: an end-of-life one is a warning with a fallback (python-choice.ts), not an error.
 */
export function fromRuntimeTxt(text: string, file: string): PythonVersion {
  const lines = text.split('\n');
  const idx = lines.findIndex((l) => l.trim() !== '');
  const source = { file, line: idx < 0 ? 1 : idx + 1 };
  const version = readVersionText(idx < 0 ? '' : (lines[idx] ?? ''), source, file);
  return { version, source, reason: `from ${file}` };
}

type Clause = { op: string; release: number[]; wildcard: boolean };

function parseClauses(spec: string, where: Source): Clause[] {
  if (spec.length > 500) {
    throw new UserError('the Python requirement is too long to be real', 'write it as e.g. >=3.10', where);
  }
  return spec
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .map((c) => {
      const m = /^(===|==|!=|<=|>=|~=|<|>)?\s*v?(\d+(?:\.\d+)*)(\.\*)?(?:[a-z0-9.+-]*)$/i.exec(c);
      if (!m?.[2]) {
        throw new UserError(
          `cannot read the Python requirement '${spec.slice(0, 60)}'`,
          'write it as a PEP 440 specifier such as >=3.10 or ~=3.11',
          where,
        );
      }
      return { op: m[1] ?? '==', release: m[2].split('.').map(Number), wildcard: Boolean(m[3]) };
    });
}

/** The clause as pep440.ts reads it: `===` on a plain release means `==` here. */
function clauseText(c: Clause): string {
  return `${c.op === '===' ? '==' : c.op}${c.release.join('.')}${c.wildcard ? '.*' : ''}`;
}

/** Whether some 3.minor.patch release satisfies every clause. */
function minorAllowed(clauses: Clause[], minor: number): boolean {
  for (let patch = 0; patch <= 40; patch++) {
    if (clauses.every((c) => satisfies(`3.${minor}.${patch}`, clauseText(c)))) return true;
  }
  return false;
}

/** The newest supported minor that some 3.M.patch release satisfies; `||` separates alternatives (Poetry). */
export function newestAllowedMinor(spec: string, where: Source): number | undefined {
  return [...SUPPORTED_MINORS].reverse().find((m) => allowsMinor(spec, m, where));
}

/** Whether `3.minor` satisfies the specifier (for consistency warnings). */
export function allowsMinor(spec: string, minor: number, where: Source): boolean {
  return spec.split('||').some((alt) => minorAllowed(parseClauses(alt, where), minor));
}

/**
 * From a PEP 440 specifier (`requires-python`, Poetry after translation): the newest allowed minor
 * slim-py has images for. `>=3.9` means "3.9 or newer", not "build on 3.9" (end of life).
 */
export function fromSpecifier(spec: string, source: Source, what: string, shown = spec): PythonVersion {
  const minor = newestAllowedMinor(spec, source);
  if (minor === undefined) {
    throw new UserError(
      `${what} '${shown}' allows no Python that slim-py supports (${RANGE})`,
      'widen the requirement or pass --python X.Y',
      source,
    );
  }
  return {
    version: `3.${minor}`,
    source,
    reason: `the newest version that ${what} '${shown}' allows, of the ${RANGE} slim-py has images for (pass --python X.Y for another)`,
  };
}

export function defaultPython(): PythonVersion {
  return {
    version: NEWEST_STABLE,
    source: { file: '(default)' },
    reason:
      'no version declared; 3.13, a stable release every common package ships wheels for (pin yours in .python-version)',
  };
}
