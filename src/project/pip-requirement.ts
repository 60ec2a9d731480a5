import path from 'node:path';
import { type Source, UserError } from '../errors.js';
import { markerError } from '../pep/marker.js';
import { isValidName, normalizeName } from './normalize.js';
import { parseExtras, parseRequirement, REQUIREMENT_HINT } from './requirement-line.js';
import type { Dependency } from './types.js';

/**
 * One requirement as pip accepts it in a requirements file or after `-e`: PEP 508, or a
 * URL / VCS URL / local path (optionally with `[extras]`, `#egg=name` and `; marker`).
 * `localPath` is returned as written; the caller resolves it against the including file.
 * `baseDir` (the including file's directory) names `-e .`-style paths after their folder.
 */
export function parsePipRequirement(
  arg: string,
  source: Source,
  editable = false,
  baseDir = '/',
): Dependency {
  const text = arg.trim();
  const isUrl = URL_RE.test(text);
  if (!isUrl && !editable && PEP508_URL_RE.test(text)) return pep508Dependency(text, source);
  // pip splits the marker off at '; ' for URLs and at the first ';' otherwise.
  const sep = isUrl ? text.search(/;\s/) : text.indexOf(';');
  const target = (sep < 0 ? text : text.slice(0, sep)).trim();
  const marker = sep < 0 ? '' : text.slice(sep + 1).trim();
  if (marker) {
    const err = markerError(marker);
    if (err) bad(text, `bad environment marker: ${err}`, source);
  }
  if (VCS_RE.test(target)) {
    const { base, egg } = splitFragment(target);
    const name = egg ?? nameFromUrlPath(base.replace(/^[a-z]+\+/i, '').replace(/@[^/@]*$/, ''), true);
    return dep(name, text, source, marker, { vcsUrl: target, editable });
  }
  if (isUrl && !/^file:/i.test(target)) {
    if (editable) bad(text, '-e needs a local path or a VCS URL (git+https://...)', source);
    const { base, egg } = splitFragment(target);
    return dep(egg ?? nameFromUrlPath(base, false), text, source, marker, { url: target });
  }
  if (!isUrl && !editable && !looksLikePath(target)) return pep508Dependency(text, source);
  // A local path or file: URL, maybe with [extras].
  let p = isUrl ? fileUrlToPath(target) : target;
  let extras: string[] = [];
  const ex = /^(.+?)\[([^\]]*)\]$/.exec(p);
  if (ex?.[1]) {
    p = ex[1];
    extras = parseExtras(ex[2] ?? '', text, source);
  }
  const { base, egg } = splitFragment(p);
  const name = egg ?? nameFromUrlPath(base, false) ?? nameFromUrlPath(path.resolve(baseDir, base), false);
  return { ...dep(name, text, source, marker, { localPath: base, editable }), extras };
}

const URL_RE = /^(?:(?:git|hg|svn|bzr)\+[a-z]+|git|https?|ftp|file):/i;
const VCS_RE = /^(?:(?:git|hg|svn|bzr)\+[a-z]+:|git:)/i;
const PEP508_URL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\]\s*)?@/;
const ARCHIVE_RE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|tar|zip)$/i;

function looksLikePath(s: string): boolean {
  return s.startsWith('.') || s.startsWith('/') || s.startsWith('~') || s.includes('/') || ARCHIVE_RE.test(s);
}

/** A PEP 508 string as a Dependency; `name @ URL` becomes vcsUrl / localPath / url. */
export function pep508Dependency(text: string, source: Source): Dependency {
  const r = parseRequirement(text, source);
  const d: Dependency = { name: r.name, specifier: r.specifier, extras: r.extras, marker: r.marker, source };
  if (r.url === undefined) return d;
  if (VCS_RE.test(r.url)) d.vcsUrl = r.url;
  else if (/^file:/i.test(r.url)) d.localPath = fileUrlToPath(r.url);
  else d.url = r.url;
  return d;
}

function dep(
  name: string | undefined,
  text: string,
  source: Source,
  marker: string,
  extra: Partial<Dependency>,
): Dependency {
  if (!name || !isValidName(name)) {
    bad(text, 'cannot tell the package name; add #egg=NAME or write `NAME @ URL`', source);
  }
  const d: Dependency = { name: normalizeName(name), specifier: '', extras: [], marker, source };
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined && v !== false) Object.assign(d, { [k]: v });
  return d;
}

function splitFragment(s: string): { base: string; egg?: string } {
  const hash = s.indexOf('#');
  if (hash < 0) return { base: s };
  const frag = new URLSearchParams(s.slice(hash + 1));
  const egg = frag.get('egg')?.replace(/\[.*$/, '') || undefined;
  return egg ? { base: s.slice(0, hash), egg } : { base: s.slice(0, hash) };
}

/** Best guess of a distribution name from a path or URL: wheel/sdist file name or last segment. */
function nameFromUrlPath(s: string, isVcs: boolean): string | undefined {
  // Only the path of a URL names a project, never its host.
  const noHost = s.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const clean = noHost.replace(/[?#].*$/, '').replace(/\/+$/, '');
  let last = decodeSafe(clean.slice(clean.lastIndexOf('/') + 1));
  if (last === '.' || last === '..' || last === '') return undefined;
  if (isVcs) return last.replace(/\.git$/, '');
  if (/\.whl$/i.test(last)) return last.split('-')[0];
  if (ARCHIVE_RE.test(last)) {
    last = last.replace(ARCHIVE_RE, '');
    return /^(.+?)-\d/.exec(last)?.[1] ?? last;
  }
  return last;
}

export function fileUrlToPath(url: string): string {
  const rest = url.replace(/^file:/i, '');
  const p = rest.startsWith('//') ? rest.replace(/^\/\/[^/]*/, '') : rest;
  return decodeSafe(p);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function bad(text: string, why: string, source: Source): never {
  throw new UserError(`cannot read requirement '${text.slice(0, 120)}': ${why}`, REQUIREMENT_HINT, source);
}
