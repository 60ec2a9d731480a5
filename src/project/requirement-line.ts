import { type Source, UserError } from '../errors.js';
import { markerError } from '../pep/marker.js';
import { isValidName, normalizeName } from './normalize.js';

/** One PEP 508 requirement string, split into its parts. */
export interface ParsedRequirement {
  /** PEP 503 normalised. */
  name: string;
  extras: string[];
  /** Clauses joined by ',' without spaces, e.g. '>=2,<3'; '' when none. */
  specifier: string;
  marker: string;
  /** `name @ URL` form. */
  url?: string;
}

export const REQUIREMENT_HINT =
  'write it as PEP 508, e.g. `requests>=2.31,<3`, `uvicorn[standard]==0.30.1; python_version >= "3.9"` or `name @ https://host/name.whl`';

const OPERATORS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'] as const;
// PEP 440 (case-insensitive), with an optional trailing `.*` that only == and != may use (the
// only part that can match a '*').
const VERSION_RE =
  /^v?(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:(?:[-_.]?(?:post|rev|r)[-_.]?\d*)|-\d+)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?(\.\*)?$/i;

const BLANK = /\s/;

/** Checks a PEP 440 version specifier ('>=1.2, <2' or '(>=1.2)') and returns it compacted. */
export function parseSpecifier(spec: string): { value: string } | { error: string } {
  let s = spec.trim();
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  if (s === '') return { value: '' };
  // Without blanks the compacted text is the text itself: nothing to rebuild per requirement.
  const out: string[] | undefined = BLANK.test(s) ? [] : undefined;
  for (const raw of s.split(',')) {
    const clause = raw.trim();
    const op = OPERATORS.find((o) => clause.startsWith(o));
    if (!op) return { error: `'${clause}' does not start with a comparison (==, >=, <, ~=, !=, ...)` };
    const version = clause.slice(op.length).trim();
    if (version === '') return { error: `'${op}' has no version after it` };
    if (op === '===') {
      if (/[\s;]/.test(version)) return { error: `'${clause}' is not one version` };
    } else {
      if (!VERSION_RE.test(version)) return { error: `'${version}' is not a PEP 440 version` };
      if (version.endsWith('.*') && op !== '==' && op !== '!=')
        return { error: `'${op}${version}': only == and != take .*` };
      if (op === '~=' && !/^v?(?:\d+!)?\d+\.\d+/.test(version)) {
        return { error: `'~=${version}' needs at least two version parts, e.g. ~=${version}.0` };
      }
    }
    out?.push(`${op}${version}`);
  }
  return { value: out ? out.join(',') : s };
}

function fail(text: string, why: string, where: Source): never {
  const shown = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  throw new UserError(`cannot read requirement '${shown}': ${why}`, REQUIREMENT_HINT, where);
}

/**
 * The extras of a requirement that names none: one frozen list for all of them (a file of
 * 100,000 lines holds no 100,000 empty arrays). Frozen, so a change to it fails loudly.
 */
export const NO_EXTRAS: string[] = Object.freeze([]) as never;

/** Splits `[a, b]` into normalised extra names. */
export function parseExtras(inner: string, text: string, where: Source): string[] {
  if (inner.trim() === '') return [];
  return inner.split(',').map((e) => {
    const x = e.trim();
    if (!isValidName(x)) fail(text, `'${x}' is not a valid extra name`, where);
    return normalizeName(x);
  });
}

/** Parses one PEP 508 requirement; throws a UserError at `where` when it is not one. */
export function parseRequirement(text: string, where: Source): ParsedRequirement {
  const s = text.trim();
  const nameMatch = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/.exec(s);
  if (!nameMatch) fail(text, 'expected a package name at the start', where);
  const name = normalizeName(nameMatch[0]);
  let rest = s.slice(nameMatch[0].length).trimStart();
  let extras = NO_EXTRAS;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) fail(text, "missing ']' after the extras", where);
    extras = parseExtras(rest.slice(1, close), text, where);
    rest = rest.slice(close + 1).trimStart();
  }
  let specifier = '';
  let url: string | undefined;
  if (rest.startsWith('@')) {
    // PEP 508: the URL runs to the next whitespace; a marker must follow after whitespace.
    const after = rest.slice(1).trimStart();
    const end = after.search(/\s/);
    url = end < 0 ? after : after.slice(0, end);
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(url)) fail(text, `'${url}' after '@' is not a URL`, where);
    rest = end < 0 ? '' : after.slice(end).trimStart();
  } else {
    const semi = rest.indexOf(';');
    const specText = semi < 0 ? rest : rest.slice(0, semi);
    const parsed = parseSpecifier(specText);
    if ('error' in parsed) fail(text, parsed.error, where);
    specifier = parsed.value;
    rest = semi < 0 ? '' : rest.slice(semi);
  }
  let marker = '';
  if (rest !== '') {
    if (!rest.startsWith(';')) fail(text, `unexpected '${rest.slice(0, 30)}'`, where);
    marker = rest.slice(1).trim();
    const err = markerError(marker);
    if (err) fail(text, `bad environment marker: ${err}`, where);
  }
  return url === undefined ? { name, extras, specifier, marker } : { name, extras, specifier, marker, url };
}
