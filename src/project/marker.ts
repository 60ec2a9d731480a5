/**
 * A validator for PEP 508 environment markers. Markers are kept as written; this only
 * decides whether pip would accept them, so that a typo is reported at its line.
 * Returns an error description, or undefined when the marker is well formed.
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

const TOKEN_RE =
  /\s*(?:(\(|\))|('[^']*'|"[^"]*")|(===|==|!=|<=|>=|~=|<|>)|(not\s+in\b|in\b|and\b|or\b)|([A-Za-z_][A-Za-z0-9_.]*))/y;

type Token = { kind: 'paren' | 'string' | 'op' | 'word' | 'name'; text: string };

function tokenize(marker: string): Token[] | string {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let pos = 0;
  const TRAILING_SPACE = /\s*$/y;
  while (pos < marker.length) {
    TRAILING_SPACE.lastIndex = pos;
    if (TRAILING_SPACE.test(marker)) break;
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(marker);
    if (!m) return `unexpected text '${marker.slice(pos).trim().slice(0, 20)}'`;
    pos = TOKEN_RE.lastIndex;
    if (m[1]) tokens.push({ kind: 'paren', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'string', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'op', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'word', text: m[4].replace(/\s+/g, ' ') });
    else if (m[5]) tokens.push({ kind: 'name', text: m[5] });
  }
  return tokens;
}

export function markerError(marker: string): string | undefined {
  const tokens = tokenize(marker);
  if (typeof tokens === 'string') return tokens;
  if (tokens.length === 0) return 'empty marker';
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string) => {
    throw new Error(what);
  };
  const value = () => {
    const t = tokens[i++];
    if (!t) fail('marker ends too early');
    else if (t.kind === 'string') return;
    else if (t.kind === 'name' && VARIABLES.has(t.text)) return;
    else
      fail(t.kind === 'name' ? `unknown marker variable '${t.text}'` : `expected a value, got '${t.text}'`);
  };
  let depth = 0;
  const atom = () => {
    const t = peek();
    if (t?.kind === 'paren' && t.text === '(') {
      i++;
      if (++depth > 50) fail('parentheses nested too deeply');
      expr();
      depth--;
      const close = tokens[i++];
      if (close?.text !== ')') fail("missing ')'");
      return;
    }
    value();
    const op = tokens[i++];
    if (!op || !(op.kind === 'op' || op.text === 'in' || op.text === 'not in')) {
      fail(`expected a comparison after '${tokens[i - 2]?.text ?? ''}'`);
    }
    value();
  };
  const and = () => {
    atom();
    while (peek()?.text === 'and') {
      i++;
      atom();
    }
  };
  const expr = () => {
    and();
    while (peek()?.text === 'or') {
      i++;
      and();
    }
  };
  try {
    expr();
    if (i < tokens.length) fail(`unexpected '${tokens[i]?.text}'`);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
