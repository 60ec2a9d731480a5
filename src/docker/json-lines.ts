/** Splits a byte stream into JSON values, one per line; tolerates chunks that cut a line. */
export class JsonLineSplitter {
  private buf = '';
  push(chunk: string): unknown[] {
    this.buf += chunk;
    const lines = this.buf.split('\n');
    this.buf = lines.pop() ?? '';
    return lines.flatMap(parseJsonLine);
  }
  flush(): unknown[] {
    const rest = this.buf;
    this.buf = '';
    return parseJsonLine(rest);
  }
}

function parseJsonLine(line: string): unknown[] {
  const t = line.trim();
  if (t === '') return [];
  try {
    return [JSON.parse(t)];
  } catch {
    // The engine sometimes concatenates objects on one line ("}{"); split them.
    if (t.includes('}{')) return t.split(/(?<=\})(?=\{)/).flatMap(parseJsonLine);
    return [{ stream: `${t}\n` }];
  }
}
