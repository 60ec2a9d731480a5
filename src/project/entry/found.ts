import type { Source } from '../../errors.js';
import { displayCommand } from '../../shell-words.js';
import type { Script } from '../pyproject.js';
import type { EntryCommand } from '../types.js';
import { DEFAULT_PORT, makeReachable } from './servers.js';

/** One entry command a finder proposes; the lowest score wins (a person's order of preference). */
export interface Found {
  entry: EntryCommand;
  score: number;
  /** What was changed to make it work in a container (warnings when it is chosen). */
  notes: string[];
}

/** Declared by the project for production > its own server script > inferred server > ... */
export const SCORE = {
  declared: 10,
  serverScript: 18,
  server: 20,
  declaredDev: 30,
  script: 35,
  mainScript: 40,
  module: 42,
  devServer: 45,
  localOnly: 48,
  declaredOther: 50,
  oneShot: 60,
} as const;

export interface FinderContext {
  root: string;
  /** Root-relative folder an inferred command runs in: the import root, or '.' when installed. */
  runDir: string;
  importRoot: string;
  /** Where a runtime dependency (or a locked package) is declared; undefined when it is none. */
  dependency(dist: string): Source | undefined;
  scripts: Script[];
  installable: boolean;
  projectName: string;
  fastapiEntrypoint?: { value: string; source: Source };
  warnings: { message: string; source?: Source }[];
}

/** A proposal made reachable (0.0.0.0, $PORT); development servers rank below production ones. */
export function found(
  argv: string[],
  source: Source,
  reason: string,
  score: number,
  opts: { guessed?: boolean; port?: number; cwd?: string } = {},
): Found {
  const r = makeReachable(argv);
  // A command that names $PORT (a Procfile's) listens on it: the image must set it, or `$PORT`
  // reaches the program as those five letters.
  const port = opts.port ?? r.port ?? (namesPort(r.argv) ? DEFAULT_PORT : undefined);
  const entry: EntryCommand = {
    argv: r.argv,
    command: displayCommand(r.argv),
    source,
    reason,
    ...(port !== undefined ? { port } : {}),
    ...(opts.guessed ? { guessed: true } : {}),
    ...(opts.cwd && opts.cwd !== '.' ? { cwd: opts.cwd } : {}),
  };
  return { entry, score: r.dev ? Math.max(score, SCORE.declaredDev) : score, notes: r.notes };
}

function namesPort(argv: string[]): boolean {
  return argv.some((a) => /\$(PORT\b|\{PORT\})/.test(a));
}

/** `gunicorn (requirements.txt:2)`: a dependency named with where it is declared. */
export function cite(ctx: FinderContext, dist: string): string {
  const s = ctx.dependency(dist);
  return s ? `${dist} (${s.line ? `${s.file}:${s.line}` : s.file})` : dist;
}
