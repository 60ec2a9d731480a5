import { EXPAND_EXEC, needsExpansion, readsUnnamed } from '../../project/entry/servers.js';
import type { Options } from '../types.js';
import { compileImportsLines } from './bytecode.js';
import type { RenderContext } from './context.js';
import { comment, copyLine, envLine, execForm, exposeLine, workdirLine } from './escape.js';
import { APP_UID } from './options.js';

/**
 * The end of every runtime stage: where the app's code goes (or, for an installed project, that
 * only the wheel ships), its environment (PORT, PYTHONPATH), the user and the command.
 */

const APP = '/app';
const NO_ENTRY = "raise SystemExit('slim-py found no entry command for this app: set CMD in the Dockerfile')";

/** Root-relative folder → its path in the image. */
function inApp(rel: string): string {
  return rel === '.' || rel === '' ? APP : `${APP}/${rel}`;
}

/** The folder the command runs in: where its relative paths and `python -m` resolve. */
export function appWorkdir(ctx: RenderContext): string {
  const p = ctx.input.project;
  if (installed(ctx)) return APP;
  // An entry without a folder was declared at the root (found() leaves out '.'); with no entry the
  // typed command runs where the app's modules are.
  return inApp(p.entry ? (p.entry.cwd ?? '.') : p.importRoot.path);
}

/** The project ships as its wheel (its source tree is not copied). */
function installed(ctx: RenderContext): boolean {
  return ctx.plan.self !== 'none';
}

/** App code COPY: owned by the app user so it can write next to its code (sqlite, uploads). */
export function appCopy(options: Options, uid = APP_UID): string {
  return options.nonRoot ? `COPY --chown=${uid}:${uid} . .` : 'COPY . .';
}

/**
 * An installed project ships what its wheel holds: the source tree is not copied on top (it
 * would shadow the installed package in a flat layout). Only files the command names
 * (gunicorn.conf.py, manage.py) come along.
 */
function codeLines(ctx: RenderContext, options: Options, t: Tail): string[] {
  if (t.copiedAll) return [];
  if (!installed(ctx)) return [appCopy(options, t.uid)];
  const files = entryFiles(ctx);
  if (files.length === 0)
    return ['# The project is installed from its wheel: its source tree is not copied.'];
  const uid = t.uid ?? APP_UID;
  return [
    '# The project is installed from its wheel; of its source only the files its command needs are copied.',
    copyLine(files, './', options.nonRoot ? [`--chown=${uid}:${uid}`] : []),
  ];
}

/**
 * Project files the entry command needs: all that were found for it when it is the found command
 * (gunicorn reads ./gunicorn.conf.py unnamed). A typed one gets, of the files found for the commands
 * offered in its folder, those it names (`-c gunicorn.conf.py`, `manage.py`) or reads unnamed.
 */
function entryFiles(ctx: RenderContext): string[] {
  const p = ctx.input.project;
  const argv = ctx.options.entry ?? [];
  if (p.entry?.files && p.entry.argv.join('\0') === argv.join('\0')) return p.entry.files;
  const cwd = p.entry?.cwd ?? '.';
  const known = new Set(p.entryChoices.filter((c) => (c.cwd ?? '.') === cwd).flatMap((c) => c.files ?? []));
  return [...known].filter((f) => argv.includes(f) || readsUnnamed(argv, f));
}

/**
 * Bytecode at build time (exec form: works without a shell): with 'all' the app's tree (an
 * installed project's wheel was compiled by pip), with 'imports' the recorded start-up imports,
 * stdlib, packages and app alike. After the environment lines: PYTHONPATH and WORKDIR decide
 * where the recorded names resolve, as they do at start-up.
 */
export function compileApp(options: Options, python: string, installed: boolean): string[] {
  if (options.bytecode === 'all')
    return installed ? [] : [`RUN ${execForm([python, '-m', 'compileall', '-q', APP])}`];
  return compileImportsLines(options, python);
}

/** PORT (the server's own default or the one given), PYTHONPATH for a non-root import folder. */
function envLines(ctx: RenderContext, options: Options): string[] {
  const p = ctx.input.project;
  const out: string[] = [];
  const pythonPath = !installed(ctx) && p.importRoot.path !== '.' ? inApp(p.importRoot.path) : undefined;
  if (pythonPath) {
    out.push(
      ...comment([`${p.importRoot.reason}: on PYTHONPATH so every program finds the app's modules.`]),
      envLine([['PYTHONPATH', pythonPath]]),
    );
  }
  if (options.port !== undefined && options.entry?.length) {
    out.push(
      '# Platforms (Cloud Run, Heroku, Render...) set PORT; the server listens on it, on every interface.',
      envLine([['PORT', String(options.port)]]),
      exposeLine(options.port),
    );
  }
  const workdir = appWorkdir(ctx);
  if (workdir !== APP) out.push(workdirLine(workdir));
  return out;
}

export interface Tail {
  /** The interpreter for compileall ('python3', '/opt/venv/bin/python'). */
  python: string;
  /** The app COPY already happened (the install needed the whole project). */
  copiedAll: boolean;
  uid?: number;
  /** Lines between the app COPY and compileall (installing the project itself). */
  afterCopy?: string[];
  keyword?: 'CMD' | 'ENTRYPOINT';
  resolve?: (argv: string[]) => string[];
  /** Options to render with instead of the context's (the baseline ignores trim/bytecode). */
  options?: Options;
}

/** The command: exec form; `$PORT` expanded by a one-line Python wrapper where no shell exists. */
export function entryLines(ctx: RenderContext, t: Tail): string[] {
  const options = t.options ?? ctx.options;
  const keyword = t.keyword ?? 'CMD';
  const resolve = t.resolve ?? ((a: string[]) => a);
  const entry = options.entry;
  if (!entry?.length) {
    // Not the base image's `python` (a REPL that exits at once): a container that says what is missing.
    const python = resolve(['python'])[0] ?? 'python';
    return [
      '# No entry command found (Procfile, a server and an app object, [project.scripts], a __main__ script):',
      '# replace this line with the command that starts the app, e.g. ["gunicorn", "app:app"].',
      `${keyword} ${execForm([python, '-c', NO_ENTRY])}`,
    ];
  }
  if (!needsExpansion(entry)) {
    const note =
      entry[0] === 'gunicorn' && !entry.some((a) => a === '-b' || a.startsWith('--bind'))
        ? ['# gunicorn binds 0.0.0.0:$PORT by itself when PORT is set (its own default, no shell needed).']
        : [];
    return [...note, `${keyword} ${execForm(resolve(entry))}`];
  }
  const python = resolve(['python'])[0] ?? 'python';
  return [
    '# Exec form expands no $VARIABLES and distroless has no shell: this one line of Python expands',
    '# them, then execs the server, which becomes PID 1 and receives the stop signal.',
    `${keyword} ${execForm([python, '-c', EXPAND_EXEC, ...resolve(entry)])}`,
  ];
}

/** The end of every runtime stage: app code, bytecode, environment, user, command. */
export function tailLines(ctx: RenderContext, t: Tail): string[] {
  const options = t.options ?? ctx.options;
  return [
    ...codeLines(ctx, options, t),
    ...(t.afterCopy ?? []),
    ...envLines(ctx, options),
    ...compileApp(options, t.python, installed(ctx)),
    ...(options.nonRoot ? [`USER ${t.uid ?? APP_UID}`] : []),
    ...entryLines(ctx, t),
  ];
}
