import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Footprint } from '../image/footprint.js';
import type { MissingLibrary } from '../image/library-audit.js';

/** What a candidate's image measured to, apart from running it. */
export interface Measurements {
  compressedBytes: number;
  hasShell: boolean;
  missingLibraries: MissingLibrary[];
  footprint?: Footprint;
}

/**
 * Measurements by content. The layers' diff ids name every byte of the filesystem; with the
 * library path (the audit reads it) and the workdir (the footprint does) they decide every
 * measurement here, so gzip-counting the layers and reading the exported filesystem again would
 * only repeat the answer. A warm re-run (every build cached) then costs seconds, not minutes.
 */
export interface MeasureCache {
  get(imageId: string): Promise<Measurements | undefined>;
  set(imageId: string, m: Measurements): Promise<void>;
}

const VERSION = 1;

export function measurementKey(diffIds: readonly string[], ldLibraryPath: string, workdir: string): string {
  return createHash('sha256')
    .update(JSON.stringify([diffIds, ldLibraryPath, workdir]))
    .digest('hex');
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLIM_PY_CACHE_DIR) return env.SLIM_PY_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'slim-py');
}

/** A JSON file per engine host (image ids are only unique within one engine). */
export function diskMeasureCache(dir: string, engineHost: string): MeasureCache {
  const file = path.join(dir, `measurements-${engineHost.replace(/[^a-zA-Z0-9.-]+/g, '_')}.json`);
  let loaded: Promise<Record<string, Measurements>> | undefined;
  const load = () => {
    loaded ??= readFile(file, 'utf8')
      .then((text) => {
        const data = JSON.parse(text) as { version?: number; images?: Record<string, Measurements> };
        return data.version === VERSION && data.images ? data.images : {};
      })
      .catch(() => ({})); // missing, unreadable or corrupt: a cache, never a reason to fail
    return loaded;
  };
  let writing = Promise.resolve();
  return {
    async get(imageId) {
      return (await load())[imageId];
    },
    async set(imageId, m) {
      const images = await load();
      images[imageId] = m;
      // Serialised, and through a temp file: two candidates finishing together never tear the file.
      writing = writing.then(async () => {
        try {
          await mkdir(dir, { recursive: true });
          const tmp = `${file}.${process.pid}.tmp`;
          await writeFile(tmp, JSON.stringify({ version: VERSION, images }));
          await rename(tmp, file);
        } catch {
          // A read-only home must not fail a race.
        }
      });
      await writing;
    },
  };
}
