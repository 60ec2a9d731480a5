/**
 * Tokens joined into pieces of about `size` characters, then a final line break: what a long
 * output (a plan of 100,000 dependencies) is written in, so that it is never one string. A piece is
 * cut only before a token that starts with a line break, so a URL (which never spans a line) is
 * never cut in two: redacting each piece is redacting the whole.
 */
export function* pieces(tokens: Iterable<string>, size = 1 << 16): Generator<string> {
  let piece = '';
  for (const t of tokens) {
    if (piece.length >= size && t.charCodeAt(0) === 0x0a) {
      yield piece;
      piece = '';
    }
    piece += t;
  }
  yield `${piece}\n`;
}
