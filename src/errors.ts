import { clip, oneLine } from './one-line.js';
import { redactText } from './redact.js';

/** Where a value or a problem came from, shown to the user as `file:line`. */
export interface Source {
  /** Path relative to the project root (or absolute when outside it). */
  file: string;
  /** 1-based line; absent when the value is derived (a default, a whole file). */
  line?: number;
}

export function formatSource(s: Source): string {
  return s.line ? `${s.file}:${s.line}` : s.file;
}

/**
 * A problem the user can fix. Every user-facing failure is one of these: the CLI prints
 * `message`, `where` and `hint` and exits 2 (bad input) — never a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /**
   * What to try. Message and hint are made safe once, here: no password, one line each (a value
   * quoted from a file cannot add lines), and at most a few hundred characters.
   */
  readonly hint: string;
  constructor(
    message: string,
    hint: string,
    readonly where?: Source,
    readonly exitCode = 2,
  ) {
    super(clip(oneLine(redactText(message)), 400));
    this.hint = clip(oneLine(redactText(hint)), 400);
  }
  format(): string {
    const at = this.where ? `${formatSource(this.where)}: ` : '';
    return `${at}${this.message}\n  what to try: ${this.hint}`;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
