import type { Source } from '../errors.js';
import { type Lock, parseLock } from './lock/index.js';
import { parsePipfileFullLock } from './lock/sectioned.js';

/** Locked versions by normalised name, each with the line that pins it. */
export type Locks = Map<string, { version: string; source: Source }>;

/** The pin of each name (the first entry: uv may fork one package per marker). */
export function pinsOf(lock: Lock): Locks {
  const locks: Locks = new Map();
  for (const n of lock.nodes) {
    if (!locks.has(n.name) && n.version) locks.set(n.name, { version: n.version, source: n.source });
  }
  return locks;
}

/** uv.lock, poetry.lock and pdm.lock: `[[package]]` tables with name and version. */
export function parseTomlLock(text: string, file: string): Locks {
  return pinsOf(parseLock(file.split('/').pop() ?? file, text));
}

/** Pipfile.lock (JSON): `default` (and `develop`) sections, versions written as `==1.2.3`. */
export function parsePipfileLock(text: string, file = 'Pipfile.lock'): Locks {
  return pinsOf(parsePipfileFullLock(text, file));
}
