/**
 * pip's requirements-file preprocessing: join `\` continuations, drop comments.
 * Each logical line keeps the number of the physical line it started on.
 */
export interface LogicalLine {
  line: number;
  text: string;
}

/** pip: a comment starts at the line start or after whitespace (so `#egg=` in a URL is not one). */
export function stripComment(text: string): string {
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    if (i === 0 || /\s/.test(text[i - 1] ?? '')) return text.slice(0, i);
  }
  return text;
}

/** pip strips backslashes at both ends of a continued line (written as a loop: regexes backtrack here). */
function trimBackslashes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === '\\') a++;
  while (b > a && s[b - 1] === '\\') b--;
  return s.slice(a, b);
}

export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  // Comments are stripped and blank lines dropped as each line is finished: one list, not three.
  const finish = (line: number, joined: string) => {
    const t = stripComment(joined).trim();
    if (t !== '') out.push({ line, text: t });
  };
  let parts: string[] = [];
  let start = 0;
  const physical = text.split('\n');
  physical.forEach((raw, i) => {
    const lineNo = i + 1;
    const isComment = /^\s*#/.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      if (parts.length > 0) {
        parts.push(isComment ? '' : raw);
        finish(start, parts.join(''));
        parts = [];
      } else {
        finish(lineNo, raw);
      }
    } else {
      if (parts.length === 0) start = lineNo;
      parts.push(trimBackslashes(raw));
    }
  });
  if (parts.length > 0) finish(start, parts.join(''));
  return out;
}
