/**
 * Poetry version constraints → PEP 440 specifiers. Returns undefined when the constraint
 * cannot be written as one PEP 440 specifier (e.g. `||` alternatives) or is malformed.
 *   ^1.2.3 → >=1.2.3,<2.0.0   ^0.2.3 → >=0.2.3,<0.3.0   ~1.2 → >=1.2,<1.3   * → ''   1.2.3 → ==1.2.3
 */
export function poetryToPep440(constraint: string): string | undefined {
  const c = constraint.trim();
  if (c === '' || c === '*') return '';
  if (c.includes('||') || /\s\|\s/.test(c)) return undefined;
  const out: string[] = [];
  // Clauses are comma- or space-separated: '>=1.2,<2', '>= 1.2 < 2'.
  const re = /\s*(\^|~=|~|===|==|!=|<=|>=|<|>|=)?\s*(v?[0-9][A-Za-z0-9.*+!-]*|\*)\s*,?/y;
  let pos = 0;
  while (pos < c.length) {
    re.lastIndex = pos;
    const m = re.exec(c);
    if (!m || m[0] === '') return undefined;
    pos = re.lastIndex;
    const op = m[1] ?? '';
    const version = m[2] ?? '';
    const translated = clause(op, version);
    if (translated === undefined) return undefined;
    if (translated !== '') out.push(translated);
  }
  return out.join(',');
}

function clause(op: string, version: string): string | undefined {
  if (version === '*') return op === '' || op === '==' || op === '=' ? '' : undefined;
  const release = /^v?(\d+(?:\.\d+)*)/.exec(version)?.[1];
  if (!release) return undefined;
  const parts = release.split('.').map(Number);
  if (op === '^') return `>=${version},<${caretUpper(parts)}`;
  if (op === '~') return `>=${version},<${tildeUpper(parts)}`;
  if (op === '' || op === '=') return `==${version}`;
  return `${op}${version}`;
}

/** Bump the first non-zero part (the last given one when all are zero), keep the length. */
function caretUpper(parts: number[]): string {
  let idx = parts.findIndex((p) => p !== 0);
  if (idx < 0) idx = parts.length - 1;
  return bump(parts, idx);
}

/** ~1 → <2; ~1.2 / ~1.2.3 → bump the minor. */
function tildeUpper(parts: number[]): string {
  return bump(parts, parts.length === 1 ? 0 : 1);
}

function bump(parts: number[], idx: number): string {
  return parts.map((p, i) => (i < idx ? p : i === idx ? p + 1 : 0)).join('.');
}

/** A Poetry `python = "^3.8"` constraint as a PEP 508 marker (for per-dependency python keys). */
export function pythonConstraintToMarker(constraint: string): string | undefined {
  const spec = poetryToPep440(constraint);
  if (spec === undefined) return undefined;
  if (spec === '') return '';
  return spec
    .split(',')
    .map((cl) => {
      const m = /^(===|==|!=|<=|>=|~=|<|>)(.*)$/.exec(cl);
      return `python_version ${m?.[1] ?? '=='} "${m?.[2] ?? cl}"`;
    })
    .join(' and ');
}
