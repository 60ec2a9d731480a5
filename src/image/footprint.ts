import { posix } from 'node:path';
import type { ImageFs } from './image-fs.js';

/**
 * Where an image's bytes are, read from its exported filesystem: the installed third-party
 * packages, the app code, and everything else (interpreter, stdlib, system files).
 */
export interface Footprint {
  totalBytes: number;
  /** Files of installed packages: any site-packages, and pip's /usr/local/lib/pythonX/dist-packages. */
  packagesBytes: number;
  /** Files under the app's working directory (outside any packages folder). */
  appBytes: number;
}

/**
 * Debian keeps its own apt-installed Python modules in /usr/lib/python3/dist-packages: those belong
 * to the base image, not to what the project installed, so they are not counted as packages.
 */
const PACKAGES = /\/site-packages\/|^\/usr\/local\/lib\/python3(\.\d+)?\/dist-packages\//;

export function footprint(fs: ImageFs, workdir: string): Footprint {
  const app = workdir === '/' || workdir === '' ? undefined : `${posix.normalize(workdir)}/`;
  let totalBytes = 0;
  let packagesBytes = 0;
  let appBytes = 0;
  for (const [path, e] of fs.entries) {
    const size = e.size ?? 0;
    if (size === 0) continue;
    totalBytes += size;
    if (PACKAGES.test(path)) packagesBytes += size;
    else if (app && path.startsWith(app)) appBytes += size;
  }
  return { totalBytes, packagesBytes, appBytes };
}
