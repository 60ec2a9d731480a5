import { EXIT, type ExitCode } from './exit-codes.js';
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
  /** One line each under the message, when one problem has several parts (a role per base image). */
  readonly details: readonly string[];
  constructor(
    message: string,
    hint: string,
    readonly where?: Source,
    details: readonly string[] = [],
  ) {
    super(clip(oneLine(redactText(message)), 400));
    this.hint = clip(oneLine(redactText(hint)), 400);
    this.details = details.map((d) => clip(oneLine(redactText(d)), 400));
  }
}

/** The user stopped it (Ctrl-C, `q` then `y`, a "no"): nothing is wrong, nothing more is done. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Any error as the user is told about it: the CLI prints it (errorText), the wizard draws it. */
export interface ErrorReport {
  kind: 'user' | 'bug' | 'cancelled';
  /** `file:line: ` or ''. */
  where: string;
  message: string;
  /** Lines under the message (UserError's details). */
  details?: readonly string[];
  /** What to try; none for a cancellation. */
  hint?: string;
  /** The stack of a bug, with SLIM_PY_DEBUG set. */
  debug?: string;
  exitCode: ExitCode;
}

const DEBUG_HINT = 'rerun with SLIM_PY_DEBUG=1 and report the output';

/** What the user is told: their mistake with what to try, a cancellation, or a bug of ours with how to report it. */
export function describeError(e: unknown, env: NodeJS.ProcessEnv = process.env): ErrorReport {
  if (e instanceof UserError) {
    const where = e.where ? `${formatSource(e.where)}: ` : '';
    const details = e.details.length ? { details: e.details } : {};
    return { kind: 'user', where, message: e.message, ...details, hint: e.hint, exitCode: EXIT.badInput };
  }
  if (e instanceof Cancelled)
    return { kind: 'cancelled', where: '', message: e.message, exitCode: EXIT.cancelled };
  // Not the user's input: say so plainly, keep the detail for the report.
  const message = clip(oneLine(redactText(e instanceof Error ? e.message : String(e))), 400);
  const stack = env.SLIM_PY_DEBUG && e instanceof Error && e.stack ? redactText(e.stack) : undefined;
  return {
    kind: 'bug',
    where: '',
    message: `internal error: ${message}`,
    hint: DEBUG_HINT,
    ...(stack ? { debug: stack } : {}),
    exitCode: EXIT.bug,
  };
}

/** The lines the CLI prints for an error, on stderr. */
export function errorText(r: ErrorReport): string {
  const lines = [`slim-py: ${r.where}${r.message}`, ...(r.details ?? []).map((d) => `  ${d}`)];
  if (r.hint) lines.push(`  what to try: ${r.hint}`);
  if (r.debug) lines.push(r.debug);
  return `${lines.join('\n')}\n`;
}
