/**
 * A loose PEP 440 reading: enough to compare release versions, tell pre-releases apart and check
 * the specifiers that indexes and requirements really use (>=, <, !=, ==, ~=, ==X.*).
 * Unparseable versions yield undefined; callers then treat them as "no information".
 */

export interface Version {
  epoch: number;
  release: number[];
  /** Pre-release phase rank: a=0, b=1, rc=2; undefined for finals. */
  pre?: [number, number];
  post?: number;
  dev?: number;
  local: string;
}

const VERSION_RE =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+([a-z0-9._-]+))?$/i;

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parseVersion(text: string): Version | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return undefined;
  const num = (s: string | undefined) => (s ? Number(s) : 0);
  return {
    epoch: num(m[1]),
    release: m[2]!.split('.').map(Number),
    pre: m[3] ? [PRE_RANK[m[3].toLowerCase()]!, num(m[4])] : undefined,
    post: m[5] !== undefined || m[6] !== undefined ? num(m[5] ?? m[6]) : undefined,
    dev: m[7] !== undefined ? num(m[7]) : undefined,
    local: (m[8] ?? '').toLowerCase(),
  };
}

export function isPrerelease(v: Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Orders versions the way pip does (local labels ignored beyond equality). */
export function compareVersions(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  const r = compareRelease(a.release, b.release);
  if (r !== 0) return r;
  // dev-only releases sort before pre-releases, which sort before the final.
  const preKey = (v: Version): [number, number] =>
    v.pre ?? (v.dev !== undefined && v.post === undefined ? [-1, 0] : [3, 0]);
  const [pa, pb] = [preKey(a), preKey(b)];
  if (pa[0] !== pb[0]) return Math.sign(pa[0] - pb[0]);
  if (pa[1] !== pb[1]) return Math.sign(pa[1] - pb[1]);
  const postA = a.post ?? -1;
  const postB = b.post ?? -1;
  if (postA !== postB) return Math.sign(postA - postB);
  const devA = a.dev ?? Number.POSITIVE_INFINITY;
  const devB = b.dev ?? Number.POSITIVE_INFINITY;
  if (devA !== devB) return devA < devB ? -1 : 1;
  return 0;
}

/** Canonical text, so '1.0', '1.0.0', 'v1.0' and '1.0-0' give the same key (pins, grouping). */
export function canonicalVersion(text: string): string {
  const v = parseVersion(text);
  if (!v) return text.trim().toLowerCase();
  const release = [...v.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const pre = v.pre ? `${['a', 'b', 'rc'][v.pre[0]]}${v.pre[1]}` : '';
  const post = v.post !== undefined ? `.post${v.post}` : '';
  const dev = v.dev !== undefined ? `.dev${v.dev}` : '';
  const local = v.local ? `+${v.local.replace(/[-_]/g, '.')}` : '';
  return `${v.epoch ? `${v.epoch}!` : ''}${release.join('.')}${pre}${post}${dev}${local}`;
}

export function sameVersion(a: string, b: string): boolean {
  return canonicalVersion(a) === canonicalVersion(b);
}

function matchesClause(v: Version, op: string, target: string): boolean {
  if (op === '===') return false; // arbitrary equality: never matched by a parsed version
  const wildcard = target.endsWith('.*');
  const t = parseVersion(wildcard ? target.slice(0, -2) : target);
  if (!t) return true; // unknown clause: do not exclude on it
  if (wildcard && (op === '==' || op === '!=')) {
    const prefix = t.release;
    const eq = v.epoch === t.epoch && prefix.every((n, i) => (v.release[i] ?? 0) === n);
    return op === '==' ? eq : !eq;
  }
  const c = compareVersions(v, t);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '~=': {
      // ~=X.Y.Z means >=X.Y.Z, ==X.Y.*
      const prefix = t.release.slice(0, Math.max(1, t.release.length - 1));
      return c >= 0 && prefix.every((n, i) => (v.release[i] ?? 0) === n);
    }
    default:
      return true;
  }
}

const CLAUSE_RE = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*([^\s,]+)\s*$/;

/** Whether `version` satisfies a comma-separated specifier; empty or unparseable parts allow. */
export function satisfies(version: string | Version, specifier: string): boolean {
  const v = typeof version === 'string' ? parseVersion(version) : version;
  if (!v) return true;
  for (const part of specifier.split(',')) {
    if (part.trim() === '') continue;
    const m = CLAUSE_RE.exec(part);
    if (!m) continue;
    if (!matchesClause(v, m[1]!, m[2]!)) return false;
  }
  return true;
}

/** The exact version a specifier pins (`==1.2.3`, not `==1.*`), if any. */
export function pinnedVersion(specifier: string): string | undefined {
  const parts = specifier.split(',').filter((p) => p.trim() !== '');
  for (const part of parts) {
    const m = CLAUSE_RE.exec(part);
    if (m && (m[1] === '==' || m[1] === '===') && !m[2]!.endsWith('.*')) return m[2];
  }
  return undefined;
}
