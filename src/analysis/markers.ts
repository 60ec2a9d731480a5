import { satisfies } from './pep440.js';

/**
 * Evaluates a PEP 508 environment marker for a Linux container, so that `pywin32; sys_platform ==
 * "win32"` gets no verdict. Three-valued: anything this reader does not understand yields
 * undefined, and callers keep the dependency (better a verdict too many than a missing library).
 */
export type MarkerEnv = Record<string, string>;

export function linuxMarkerEnv(python: string, arch: string): MarkerEnv {
  return {
    python_version: python,
    python_full_version: `${python}.99`, // images carry the newest patch release
    implementation_version: `${python}.99`,
    sys_platform: 'linux',
    platform_system: 'Linux',
    os_name: 'posix',
    platform_machine: arch,
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
  };
}

type Tok = { k: 'str' | 'id' | 'op' | '(' | ')' | 'and' | 'or'; v: string };

function tokenize(s: string): Tok[] | undefined {
  const out: Tok[] = [];
  const re =
    /\s*(?:("[^"]*"|'[^']*')|(===|==|!=|<=|>=|~=|<|>)|(not\s+in\b)|(\()|(\))|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let i = 0;
  while (i < s.length) {
    if (/^\s*$/.test(s.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    i = re.lastIndex;
    if (m[1]) out.push({ k: 'str', v: m[1].slice(1, -1) });
    else if (m[2]) out.push({ k: 'op', v: m[2] });
    else if (m[3]) out.push({ k: 'op', v: 'not in' });
    else if (m[4]) out.push({ k: '(', v: '(' });
    else if (m[5]) out.push({ k: ')', v: ')' });
    else if (m[6] === 'and' || m[6] === 'or') out.push({ k: m[6], v: m[6] });
    else if (m[6] === 'in') out.push({ k: 'op', v: 'in' });
    else out.push({ k: 'id', v: m[6]! });
  }
  return out;
}

const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version']);

function compare(lhs: string, op: string, rhs: string, versionish: boolean): boolean | undefined {
  if (op === 'in') return rhs.includes(lhs);
  if (op === 'not in') return !rhs.includes(lhs);
  if (versionish && /^\d/.test(lhs) && /^\d/.test(rhs)) return satisfies(lhs, `${op}${rhs}`);
  if (op === '==' || op === '===') return lhs === rhs;
  if (op === '!=') return lhs !== rhs;
  return undefined;
}

/** true / false, or undefined when the marker is unparseable or depends on something unknown. */
export function evaluateMarker(marker: string, env: MarkerEnv): boolean | undefined {
  if (marker.trim() === '') return true;
  const toks = tokenize(marker);
  if (!toks) return undefined;
  let pos = 0;
  const value = (t: Tok | undefined): { v?: string; var?: string } | null => {
    if (!t) return null;
    if (t.k === 'str') return { v: t.v };
    if (t.k === 'id') return { v: Object.hasOwn(env, t.v) ? env[t.v] : undefined, var: t.v };
    return null;
  };
  const atom = (): boolean | undefined | null => {
    const t = toks[pos];
    if (t?.k === '(') {
      pos++;
      const r = or();
      if (toks[pos]?.k !== ')') return null;
      pos++;
      return r;
    }
    const l = value(toks[pos++]);
    const op = toks[pos++];
    const r = value(toks[pos++]);
    if (!l || !r || op?.k !== 'op') return null;
    if (l.v === undefined || r.v === undefined) return undefined; // extra == "x", unknown variables
    const versionish = VERSION_VARS.has(l.var ?? '') || VERSION_VARS.has(r.var ?? '');
    return compare(l.v, op.v, r.v, versionish);
  };
  const and = (): boolean | undefined | null => {
    let acc: boolean | undefined | null = atom();
    while (acc !== null && toks[pos]?.k === 'and') {
      pos++;
      const r = atom();
      if (r === null) return null;
      acc = acc === false || r === false ? false : acc === undefined || r === undefined ? undefined : true;
    }
    return acc;
  };
  const or = (): boolean | undefined | null => {
    let acc: boolean | undefined | null = and();
    while (acc !== null && toks[pos]?.k === 'or') {
      pos++;
      const r = and();
      if (r === null) return null;
      acc = acc === true || r === true ? true : acc === undefined || r === undefined ? undefined : false;
    }
    return acc;
  };
  const result = or();
  if (result === null || pos !== toks.length) return undefined;
  return result;
}
