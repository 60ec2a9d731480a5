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

/** The joined, comment-stripped text of a logical line; undefined when nothing is left of it. */
function logical(line: number, joined: string): LogicalLine | undefined {
  const text = stripComment(joined).trim();
  return text === '' ? undefined : { line, text };
}

/**
 * The logical lines, one at a time as the caller reads them: a file of 100,000 lines is never
 * held as a list of its lines (which the scavenger copied while the whole file was parsed).
 */
export function* logicalLines(text: string): Generator<LogicalLine> {
  let parts: string[] = [];
  let start = 0;
  let lineNo = 0;
  // The physical lines of text.split('\n'), read in place: the last one follows the last '\n'.
  for (let from = 0; from <= text.length; ) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(from, end);
    from = end + 1;
    lineNo++;
    const isComment = /^\s*#/.test(raw);
    let done: LogicalLine | undefined;
    if (!raw.endsWith('\\') || isComment) {
      if (parts.length > 0) {
        parts.push(isComment ? '' : raw);
        done = logical(start, parts.join(''));
        parts = [];
      } else {
        done = logical(lineNo, raw);
      }
    } else {
      if (parts.length === 0) start = lineNo;
      parts.push(trimBackslashes(raw));
    }
    if (done) yield done;
  }
  const last = parts.length > 0 ? logical(start, parts.join('')) : undefined;
  if (last) yield last;
}
