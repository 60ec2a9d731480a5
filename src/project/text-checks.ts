import { type Source, UserError } from '../errors.js';
import { INDEX_URL_HINT, indexUrlProblem } from '../index-url.js';
import { clip, hasControl } from '../one-line.js';
import type { Project } from './types.js';

/**
 * The checks every value read from a project passes before anything renders it. A control
 * character (a newline from a TOML "\n" escape or a multi-line string, CR, NUL, ESC...) is never
 * part of a name, specifier, marker, URL, path or command, and in a Dockerfile it would end a line
 * and start an instruction of its own: it is refused here, at the line it came from.
 *
 * The walk is generic on purpose: every string in the Project is checked, located by the nearest
 * `source` above it, so a field added to the Project later is covered without touching this file.
 */

/** Our own words about the project, not values read from it (they may quote a value checked elsewhere). */
const NOT_READ = new Set(['root', 'warnings', 'reason', 'command', 'appModules']);

function isSource(v: unknown): v is Source {
  return typeof v === 'object' && v !== null && typeof (v as Source).file === 'string';
}

/**
 * `key`: the innermost key above the value that is not an index (a message names the field: "the
 * marker of flask"). Passed down as it is, so the walk allocates nothing per value it visits.
 */
function isIndex(k: string): boolean {
  const c = k.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && /^\d+$/.test(k);
}

function field(key: string | undefined, owner: string | undefined): string {
  const k = key ?? 'a value';
  return owner ? `the ${k} of ${owner}` : `the ${k}`;
}

function walk(v: unknown, where: Source | undefined, owner: string | undefined, key?: string): void {
  if (typeof v === 'string') {
    if (!hasControl(v)) return;
    throw new UserError(
      `${field(key, owner)} ${JSON.stringify(clip(v))} contains a line break or another control character`,
      'write the value on one line without control characters (a "\\n" escape or a multi-line TOML string puts a line break in it)',
      where,
    );
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) walk(v[i], where, owner, key);
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  const o = v as Record<string, unknown>;
  const here = isSource(o.source) ? o.source : where;
  const name = typeof o.name === 'string' && !hasControl(o.name) ? o.name : owner;
  // for-in with hasOwn: Object.keys's order, without an array of keys per object.
  for (const k in o) {
    if (Object.hasOwn(o, k) && !NOT_READ.has(k)) walk(o[k], here, name, isIndex(k) ? key : k);
  }
}

/** Every index URL the project names is one pip can use, said at its line. */
function checkIndexUrls(project: Project): void {
  const { index } = project;
  const urls = [...(index.indexUrl ? [index.indexUrl] : []), ...index.extraIndexUrls];
  for (const u of urls) {
    const problem = indexUrlProblem(u.value);
    if (problem)
      throw new UserError(
        `the index URL ${JSON.stringify(clip(u.value))} ${problem}`,
        INDEX_URL_HINT,
        u.source,
      );
  }
}

/** Throws a UserError at file:line for the first value that cannot be used as read. */
export function checkProjectText(project: Project): Project {
  walk(project, undefined, undefined);
  checkIndexUrls(project);
  return project;
}
