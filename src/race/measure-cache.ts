import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Untouched } from '../image/floor.js';
import type { MissingLibrary } from '../image/library-audit.js';

/** What a candidate's image measured to, apart from running it. */
export interface Measurements {
  /** 0 until the background measurement has finished. */
  compressedBytes: number;
  hasShell: boolean;
  missingLibraries: MissingLibrary[];
  /** The untouched parts, for the usage (a digest of the used paths) they were computed against. */
  untouched?: Untouched & { usage: string };
}

/**
 * Measurements by content. The layers' diff ids name every byte of the filesystem; with the
 * library path (the audit reads it) and the workdir (the untouched parts are named by it) they
 * decide every measurement here, so gzip-counting the layers and reading the exported filesystem
 * again would only repeat the answer. A warm re-run (every build cached) then costs seconds.
 * Compressed layer sizes are kept too, by layer (compressed-size.ts): a base image is gzipped once
 * per machine, not once per candidate.
 */
export interface MeasureCache {
  get(imageId: string): Promise<Measurements | undefined>;
  set(imageId: string, m: Measurements): Promise<void>;
  /** The compressed layer sizes known so far; the caller adds to this map... */
  layerSizes(): Promise<Map<string, number>>;
  /** ...and saves it after adding. */
  saveLayerSizes(): Promise<void>;
  /** The start-up imports a smoke test recorded in an image (bytecode 'imports'), by importsKey. */
  getImports(key: string): Promise<string[] | undefined>;
  setImports(key: string, modules: string[]): Promise<void>;
}

const VERSION = 2;

interface CacheFile {
  version?: number;
  images?: Record<string, Measurements>;
  layers?: Record<string, number>;
  imports?: Record<string, string[]>;
}

export function measurementKey(diffIds: readonly string[], ldLibraryPath: string, workdir: string): string {
  return createHash('sha256')
    .update(JSON.stringify([diffIds, ldLibraryPath, workdir]))
    .digest('hex');
}

/** The key of an image's recorded imports: its layers and what the smoke test was asked to import. */
export function importsKey(diffIds: readonly string[], smokeArgs: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(['imports', diffIds, smokeArgs]))
    .digest('hex');
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLIM_PY_CACHE_DIR) return env.SLIM_PY_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'slim-py');
}

/** A JSON file per engine host (image ids are only unique within one engine). */
export function diskMeasureCache(dir: string, engineHost: string): MeasureCache {
  const file = path.join(dir, `measurements-${engineHost.replace(/[^a-zA-Z0-9.-]+/g, '_')}.json`);
  let loaded:
    | Promise<{
        images: Record<string, Measurements>;
        layers: Map<string, number>;
        imports: Record<string, string[]>;
      }>
    | undefined;
  const load = () => {
    loaded ??= readFile(file, 'utf8')
      .then((text) => JSON.parse(text) as CacheFile)
      .catch(() => ({}) as CacheFile) // missing, unreadable or corrupt: a cache, never a reason to fail
      .then((data) => {
        const ok = data.version === VERSION;
        return {
          images: ok && data.images ? data.images : {},
          layers: new Map(ok && data.layers ? Object.entries(data.layers) : []),
          imports: ok && data.imports ? data.imports : {},
        };
      });
    return loaded;
  };
  let writing = Promise.resolve();
  const save = async () => {
    const { images, layers, imports } = await load();
    // Serialised, and through a temp file: two candidates finishing together never tear the file.
    writing = writing.then(async () => {
      try {
        await mkdir(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        const data = { version: VERSION, images, layers: Object.fromEntries(layers), imports };
        await writeFile(tmp, JSON.stringify(data));
        await rename(tmp, file);
      } catch {
        // A read-only home must not fail a race.
      }
    });
    await writing;
  };
  return {
    async get(imageId) {
      return (await load()).images[imageId];
    },
    async set(imageId, m) {
      (await load()).images[imageId] = m;
      await save();
    },
    async layerSizes() {
      return (await load()).layers;
    },
    saveLayerSizes: save,
    async getImports(key) {
      return (await load()).imports[key];
    },
    async setImports(key, modules) {
      (await load()).imports[key] = modules;
      await save();
    },
  };
}
