import { parsePoetryLock } from './poetry.js';
import { parsePdmLock, parsePipfileFullLock } from './sectioned.js';
import type { Lock } from './types.js';
import { parseUvLock } from './uv.js';

export { lockedInstall } from './closure.js';
export type { Lock, LockedInstall, LockNode } from './types.js';

const PARSERS: Record<string, (text: string, file: string) => Lock> = {
  'uv.lock': parseUvLock,
  'poetry.lock': parsePoetryLock,
  'Pipfile.lock': parsePipfileFullLock,
  'pdm.lock': parsePdmLock,
};

/** The whole lock file, every package with its pin, hashes, origin and edges. */
export function parseLock(file: string, text: string): Lock {
  const parse = PARSERS[file];
  if (!parse) throw new Error(`no lock parser for ${file}`);
  return parse(text, file);
}
