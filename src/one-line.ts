/**
 * Text that must stay on one line: Dockerfile comments and words, error messages, anything quoted
 * from a project. Control characters are C0, DEL, C1 and the Unicode line/paragraph separators.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/** `\n`, `\t`, `\x1b`, `\u2028`: a control character as text that can be read on one line. */
function visible(c: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };
  const code = c.charCodeAt(0);
  return named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
}

/** The text with every control character written as an escape: safe on one line of anything. */
export function oneLine(text: string): string {
  return text.replace(CONTROL_ALL, visible);
}

/** At most `max` characters of a value, for messages (an error message is never 40 KB long). */
export function clip(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}
