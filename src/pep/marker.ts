import { satisfies } from './pep440.js';

/**
 * PEP 508 environment markers: one parser. The scan uses it to report a typo at its line
 * (markerError); the analysis evaluates the same tree for a Linux container (evaluateMarker), so
 * that `pywin32; sys_platform == "win32"` gets no verdict. Markers themselves are kept as written.
 */

const VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
  'extras',
  'dependency_groups',
  // Legacy dotted spellings that packaging still accepts.
  'os.name',
  'sys.platform',
  'platform.version',
  'platform.machine',
  'platform.python_implementation',
  'python_implementation',
]);

const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version']);

/** Deeper than any real marker; keeps a hostile one from exhausting the stack. */
const MAX_DEPTH = 50;

type Value = { string: string } | { variable: string };
export type Marker =
  | { op: 'and' | 'or'; left: Marker; right: Marker }
  | { op: 'compare'; left: Value; cmp: string; right: Value };

const TOKEN_RE =
  /\s*(?:(\(|\))|('[^']*'|"[^"]*")|(===|==|!=|<=|>=|~=|<|>)|(not\s+in\b|in\b|and\b|or\b)|([A-Za-z_][A-Za-z0-9_.]*))/y;

type Token = { kind: 'paren' | 'string' | 'op' | 'word' | 'name'; text: string };

function tokenize(marker: string): Token[] {
  const tokens: Token[] = [];
  const TRAILING_SPACE = /\s*$/y;
  let pos = 0;
  while (pos < marker.length) {
    TRAILING_SPACE.lastIndex = pos;
    if (TRAILING_SPACE.test(marker)) break;
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(marker);
    if (!m) throw new Error(`unexpected text '${marker.slice(pos).trim().slice(0, 20)}'`);
    pos = TOKEN_RE.lastIndex;
    if (m[1]) tokens.push({ kind: 'paren', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'string', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'op', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'word', text: m[4].replace(/\s+/g, ' ') });
    else if (m[5]) tokens.push({ kind: 'name', text: m[5] });
  }
  return tokens;
}

function parse(marker: string): Marker {
  const tokens = tokenize(marker);
  if (tokens.length === 0) throw new Error('empty marker');
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  const value = (): Value => {
    const t = tokens[i++];
    if (!t) throw new Error('marker ends too early');
    if (t.kind === 'string') return { string: t.text.slice(1, -1) };
    if (t.kind === 'name' && VARIABLES.has(t.text)) return { variable: t.text };
    throw new Error(
      t.kind === 'name' ? `unknown marker variable '${t.text}'` : `expected a value, got '${t.text}'`,
    );
  };
  const atom = (): Marker => {
    const t = peek();
    if (t?.kind === 'paren' && t.text === '(') {
      i++;
      if (++depth > MAX_DEPTH) throw new Error('parentheses nested too deeply');
      const inner = or();
      depth--;
      if (tokens[i++]?.text !== ')') throw new Error("missing ')'");
      return inner;
    }
    const left = value();
    const op = tokens[i++];
    if (!op || !(op.kind === 'op' || op.text === 'in' || op.text === 'not in'))
      throw new Error(`expected a comparison after '${tokens[i - 2]?.text ?? ''}'`);
    return { op: 'compare', left, cmp: op.text, right: value() };
  };
  const chain = (op: 'and' | 'or', next: () => Marker) => (): Marker => {
    let left = next();
    while (peek()?.text === op) {
      i++;
      left = { op, left, right: next() };
    }
    return left;
  };
  const and = chain('and', atom);
  const or = chain('or', and);
  const tree = or();
  if (i < tokens.length) throw new Error(`unexpected '${tokens[i]?.text}'`);
  return tree;
}

// A requirements file repeats a few markers on many lines (100,000 lines, one marker): each is
// parsed once. Trees are never changed after parsing, so one can serve every line.
const parsed = new Map<string, Marker | Error>();
const PARSED_KEPT = 1000;
let lastMarker: string | undefined;
let lastTree: Marker | Error | undefined;

/** The marker's tree; throws an Error saying why it cannot be read. */
function parsedMarker(marker: string): Marker {
  // The line before had the same marker, usually (a comparison is cheaper than hashing it again).
  let tree = marker === lastMarker ? lastTree : parsed.get(marker);
  if (tree === undefined) {
    try {
      tree = parse(marker);
    } catch (e) {
      tree = e as Error;
    }
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    parsed.set(marker, tree);
  }
  lastMarker = marker;
  lastTree = tree;
  if (tree instanceof Error) throw tree;
  return tree;
}

/** Why pip would refuse the marker, or undefined when it is well formed. */
export function markerError(marker: string): string | undefined {
  try {
    parsedMarker(marker);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Read-only: an answer found for an env is kept with it (evaluateMarker). */
export type MarkerEnv = Readonly<Record<string, string>>;

/** The marker variables of a Linux container with CPython `python` on `arch`. */
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

function compare(lhs: string, op: string, rhs: string, versionish: boolean): boolean | undefined {
  if (op === 'in') return rhs.includes(lhs);
  if (op === 'not in') return !rhs.includes(lhs);
  if (versionish && /^\d/.test(lhs) && /^\d/.test(rhs)) return satisfies(lhs, `${op}${rhs}`);
  if (op === '==' || op === '===') return lhs === rhs;
  if (op === '!=') return lhs !== rhs;
  return undefined;
}

/** Three-valued: undefined where it depends on something unknown (`extra == "dev"`). */
function evaluate(m: Marker, env: MarkerEnv): boolean | undefined {
  if (m.op === 'compare') {
    const read = (v: Value) =>
      'string' in v ? v.string : Object.hasOwn(env, v.variable) ? env[v.variable] : undefined;
    const [l, r] = [read(m.left), read(m.right)];
    if (l === undefined || r === undefined) return undefined;
    const versionish = [m.left, m.right].some((v) => 'variable' in v && VERSION_VARS.has(v.variable));
    return compare(l, m.cmp, r, versionish);
  }
  const [a, b] = [evaluate(m.left, env), evaluate(m.right, env)];
  if (m.op === 'and')
    return a === false || b === false ? false : a === undefined || b === undefined ? undefined : true;
  return a === true || b === true ? true : a === undefined || b === undefined ? undefined : false;
}

// One env judges every line of a file (100,000 lines, a few markers): each marker's answer is
// worked out once per env (a version comparison is a PEP 440 parse). Envs are read-only.
const answers = new WeakMap<MarkerEnv, Map<string, boolean | undefined>>();

/**
 * true / false for a Linux container, or undefined when the marker cannot be read or depends on
 * something unknown: callers keep the dependency (better a verdict too many than a missing library).
 */
export function evaluateMarker(marker: string, env: MarkerEnv): boolean | undefined {
  if (marker.trim() === '') return true;
  let known = answers.get(env);
  if (!known) {
    known = new Map();
    answers.set(env, known);
  }
  let answer = known.get(marker);
  if (answer === undefined && !known.has(marker)) {
    try {
      answer = evaluate(parsedMarker(marker), env);
    } catch {
      answer = undefined;
    }
    if (known.size >= PARSED_KEPT) known.clear();
    known.set(marker, answer);
  }
  return answer;
}
