import type { Options } from '../types.js';
import { execForm } from './escape.js';

/** The uid the app runs as on Debian/Alpine runtimes (distroless has its own: 65532). */
export const APP_UID = 10001;
export const DISTROLESS_UID = 65532;

/** Site-packages of the image's own Python, for single-stage trimming. */
export const SYSTEM_SITE = `SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"`;

/** Runtime ENV: unbuffered logs; with bytecode 'none' Python never writes .pyc at run time either. */
export function runtimeEnv(options: Options, extra: string[] = []): string {
  const env = [
    'PYTHONUNBUFFERED=1',
    ...(options.bytecode === 'none' ? ['PYTHONDONTWRITEBYTECODE=1'] : []),
    ...extra,
  ];
  return `ENV ${env.join(' ')}`;
}

/** pip flags that follow the bytecode policy: 'none' skips the .pyc files pip would write. */
export function bytecodeFlags(options: Options): string[] {
  return options.bytecode === 'none' ? ['--no-compile'] : [];
}

/** The non-root user (and a writable /app) on Debian-based runtimes. */
export function debianUser(): string[] {
  return [
    `useradd --no-log-init --create-home --uid ${APP_UID} app`,
    `mkdir -p /app && chown ${APP_UID}:${APP_UID} /app`,
  ];
}

export function alpineUser(): string[] {
  return [
    `addgroup -S -g ${APP_UID} app`,
    `adduser -S -D -u ${APP_UID} -G app app`,
    `mkdir -p /app && chown ${APP_UID}:${APP_UID} /app`,
  ];
}

/** App code COPY: owned by the app user so it can write next to its code (sqlite, uploads). */
export function appCopy(options: Options, uid = APP_UID): string {
  return options.nonRoot ? `COPY --chown=${uid}:${uid} . .` : 'COPY . .';
}

/** With bytecode 'compile' the app is compiled once at build time (exec form: works without a shell). */
export function compileApp(options: Options, python: string): string[] {
  return options.bytecode === 'compile'
    ? [`RUN ${execForm([python, '-m', 'compileall', '-q', '/app'])}`]
    : [];
}

export function userLine(options: Options, uid = APP_UID): string[] {
  return options.nonRoot ? [`USER ${uid}`] : [];
}

/** The command: the user's, else a guess from the app's modules, explained in a comment. */
export function entryLines(
  options: Options,
  appModules: string[],
  keyword: 'CMD' | 'ENTRYPOINT' = 'CMD',
  resolve = (a: string[]) => a,
): string[] {
  if (options.entry?.length) {
    const note = options.entry.some((a) => a.includes('$'))
      ? ['# Exec form does not expand $VARIABLES: set the value here or read it in the app.']
      : [];
    return [...note, `${keyword} ${execForm(resolve(options.entry))}`];
  }
  const guess = appModules[0] ? ['python', '-m', appModules[0]] : ['python'];
  return [
    '# No entry command found (Procfile, [project.scripts], app.py...): a guess, replace it.',
    `${keyword} ${execForm(resolve(guess))}`,
  ];
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
}

/** The end of every runtime stage: app code, bytecode, user, command. */
export function tailLines(options: Options, appModules: string[], t: Tail): string[] {
  return [
    ...(t.copiedAll ? [] : [appCopy(options, t.uid)]),
    ...(t.afterCopy ?? []),
    ...compileApp(options, t.python),
    ...userLine(options, t.uid),
    ...entryLines(options, appModules, t.keyword, t.resolve),
  ];
}
