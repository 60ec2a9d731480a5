import type { Options } from '../types.js';

/** The uid the app runs as on Debian/Alpine runtimes (distroless has its own: 65532). */
export const APP_UID = 10001;
export const DISTROLESS_UID = 65532;

/** Site-packages of the image's own Python, for single-stage trimming. */
export const SYSTEM_SITE = `SITE="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"`;

/**
 * Runtime ENV: unbuffered logs; unless every module is compiled ('all'), Python never writes .pyc
 * at run time either: the image stays what was measured (and a non-root user could not write there).
 */
export function runtimeEnv(options: Options, extra: string[] = []): string {
  const env = [
    'PYTHONUNBUFFERED=1',
    ...(options.bytecode === 'all' ? [] : ['PYTHONDONTWRITEBYTECODE=1']),
    ...extra,
  ];
  return `ENV ${env.join(' ')}`;
}

/** pip flags that follow the bytecode policy: only 'all' keeps the .pyc files pip would write. */
export function bytecodeFlags(options: Options): string[] {
  return options.bytecode === 'all' ? [] : ['--no-compile'];
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
