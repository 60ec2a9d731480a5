import * as pep440 from '@renovatebot/pep440';

/**
 * PEP 440 versions and specifiers through @renovatebot/pep440 (what Renovate uses for PyPI),
 * read leniently as the analysis needs: an unparseable version or clause never excludes anything
 * ("no information"), and pre-releases are weighed by the callers (wheel-tags.ts), not here.
 */

/** Orders versions as pip does; undefined when either is not a PEP 440 version. */
export function compareVersions(a: string, b: string): number | undefined {
  return pep440.valid(a) && pep440.valid(b) ? pep440.compare(a, b) : undefined;
}

export function isPrerelease(version: string): boolean {
  return pep440.explain(version)?.is_prerelease ?? false;
}

/** Canonical text, so '1.0', '1.0.0', 'v1.0' and '1.0-0' give the same key (pins, grouping). */
export function canonicalVersion(text: string): string {
  const v = pep440.explain(text);
  const clean = pep440.clean(text);
  if (!v || !clean) return text.trim().toLowerCase();
  const release = [...v.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  // Whatever follows the release (pre, post, dev, local) as the library normalised it.
  const rest = clean.slice(v.base_version.length);
  return `${v.epoch ? `${v.epoch}!` : ''}${release.join('.')}${rest}`;
}

export function sameVersion(a: string, b: string): boolean {
  return canonicalVersion(a) === canonicalVersion(b);
}

const CLAUSE_RE = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*([^\s,]+)\s*$/;

// A project's specifiers and markers repeat (`python_version >= "3.8"` on every line of a
// generated file), and the library parses both sides on every call: answers are kept, bounded.
const answers = new Map<string, boolean>();
const ANSWERS_KEPT = 10_000;

/** Whether `version` satisfies one clause (`>=1.2`); an unparseable clause allows. */
function clauseAllows(version: string, clause: string): boolean {
  const key = `${version} ${clause}`;
  let ok = answers.get(key);
  if (ok === undefined) {
    // Arbitrary equality compares strings, which a parsed version never matches.
    if (!CLAUSE_RE.test(clause) || !pep440.validRange(clause)) ok = true;
    else ok = !clause.startsWith('===') && pep440.satisfies(version, clause, { prereleases: true });
    if (answers.size >= ANSWERS_KEPT) answers.clear();
    answers.set(key, ok);
  }
  return ok;
}

/** Whether `version` satisfies a comma-separated specifier; empty or unparseable parts allow. */
export function satisfies(version: string, specifier: string): boolean {
  if (!pep440.valid(version)) return true;
  for (const part of specifier.split(',')) {
    const clause = part.trim();
    if (clause !== '' && !clauseAllows(version, clause)) return false;
  }
  return true;
}

/** The exact version a specifier pins (`==1.2.3`, not `==1.*`), if any. */
export function pinnedVersion(specifier: string): string | undefined {
  // Most specifiers pin nothing: they are not split clause by clause (100,000 lines are).
  if (!specifier.includes('==')) return undefined;
  for (const part of specifier.split(',')) {
    const m = CLAUSE_RE.exec(part);
    if (m && (m[1] === '==' || m[1] === '===') && !m[2]!.endsWith('.*')) return m[2];
  }
  return undefined;
}
