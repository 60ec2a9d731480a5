/**
 * Finds line numbers in raw TOML text (the parser gives none): the line of a table header,
 * of `key =` inside a table, or of a string value after a key. Good enough for messages.
 * Everything is indexed in one pass so that lookups stay linear on huge files.
 */
export class TomlLines {
  private readonly lines: string[];
  /** Per line, the table path it belongs to. */
  private readonly tableOf: string[];
  private readonly headers = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private readonly values = new Map<string, Map<string, number>>();

  constructor(text: string) {
    this.lines = text.split('\n');
    let current = '';
    this.tableOf = this.lines.map((l, i) => {
      const header = /^\s*\[\[?([^\]]*)\]/.exec(l);
      const keyText = header ? undefined : KEY_RE.exec(l)?.[1];
      if (header?.[1] !== undefined) {
        current = path(splitKey(header[1]));
        if (!this.headers.has(current)) this.headers.set(current, i + 1);
      } else if (keyText !== undefined) {
        const id = `${current}|${path(splitKey(keyText))}`;
        if (!this.keys.has(id)) this.keys.set(id, i + 1);
      }
      return current;
    });
  }

  tableLine(table: string[]): number | undefined {
    return this.headers.get(path(table));
  }

  /** `key =` within the table; also dotted keys written in a parent table, or a `[table.key]` header. */
  keyLine(table: string[], key: string): number | undefined {
    for (let cut = table.length; cut >= 0; cut--) {
      const line = this.keys.get(`${path(table.slice(0, cut))}|${path([...table.slice(cut), key])}`);
      if (line !== undefined) return line;
    }
    return this.tableLine([...table, key]);
  }

  /**
   * The first line at or after the key that holds the string `needle`, staying in the key's
   * table (arrays of tables repeat it: `[[tool.uv.index]]`); else the key's line.
   */
  valueLine(table: string[], key: string, needle: string): number | undefined {
    const from = this.keyLine(table, key);
    if (from === undefined) return undefined;
    const id = `${path(table)}|${key}`;
    let strings = this.values.get(id);
    if (!strings) {
      strings = new Map();
      const inTable = this.tableOf[from - 1];
      for (let i = from - 1; i < this.lines.length; i++) {
        if (this.tableOf[i] !== inTable) continue;
        for (const s of stringsIn(this.lines[i] ?? '')) if (!strings.has(s)) strings.set(s, i + 1);
      }
      this.values.set(id, strings);
    }
    return strings.get(needle) ?? from;
  }

  /** First line matching a regexp. */
  find(re: RegExp, fromLine = 1): number | undefined {
    for (let i = fromLine - 1; i < this.lines.length; i++) if (re.test(this.lines[i] ?? '')) return i + 1;
    return undefined;
  }
}

const K = `(?:"(?:[^"\\\\]|\\\\.)*"|'[^']*'|[A-Za-z0-9_-]+)`;
// `a.b."c" =` : parts separated by dots, so that the pattern cannot backtrack badly.
const KEY_RE = new RegExp(`^\\s*(${K}(?:\\s*\\.\\s*${K})*)\\s*=`);

function path(parts: string[]): string {
  return parts.join('\u0000');
}

function splitKey(k: string): string[] {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/y;
  for (let m = re.exec(k); m && m[0] !== ''; m = re.exec(k)) parts.push(m[1] ?? m[2] ?? m[3] ?? '');
  return parts;
}

/** The string literals on one line, decoded (basic strings with JSON-compatible escapes). */
function stringsIn(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)) {
    if (m[2] !== undefined) out.push(m[2]);
    else {
      try {
        out.push(JSON.parse(`"${m[1]}"`));
      } catch {
        out.push(m[1] ?? '');
      }
    }
  }
  return out;
}
