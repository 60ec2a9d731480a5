import { shellWord } from './escape.js';
import { wrap } from './lines.js';

const words = (packages: string[]) => packages.map((p) => shellWord(p, 'the package name'));

/** --no-cache: no index left in /var/cache/apk (hadolint DL3019). */
export function apkInstall(packages: string[]): string {
  return wrap('apk add --no-cache', words(packages));
}

/** A named virtual package groups the build deps, so one `apk del` in the same RUN removes them all. */
export function apkTransient(packages: string[], use: string[]): string[] {
  return [wrap('apk add --no-cache --virtual .build-deps', words(packages)), ...use, 'apk del .build-deps'];
}
