import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { redactText } from '../redact.js';

export interface WriteOutcome {
  path: string;
  /** Where the previous content was saved, when a different file already existed. */
  backup?: string;
  /** 'unchanged' when the file already had exactly this content. */
  status: 'created' | 'replaced' | 'unchanged';
}

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** `Dockerfile` → `Dockerfile.slim-py-backup`, then `-2`, `-3`...: an older backup is never overwritten. */
export async function freeBackupName(path: string): Promise<string> {
  const base = join(dirname(path), `${basename(path)}.slim-py-backup`);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if ((await readIfExists(candidate)) === undefined) return candidate;
  }
}

/**
 * Writes `content` to `path` without ever losing what was there: an existing different file is
 * copied to a fresh backup first, and the new content goes through a temp file + rename so an
 * interrupted write leaves either the old or the new file, never half of one.
 */
export async function writeKeepingBackup(
  path: string,
  content: string,
  /** An existing file containing this marker was written by us earlier: replaced without a backup. */
  ownMarker?: string,
): Promise<WriteOutcome> {
  // Nothing we write keeps a password from a URL (the build gets it another way).
  content = redactText(content);
  const old = await readIfExists(path);
  if (old === content) return { path, status: 'unchanged' };
  await mkdir(dirname(path), { recursive: true });
  let backup: string | undefined;
  if (old !== undefined && !(ownMarker && old.includes(ownMarker))) {
    backup = await freeBackupName(path);
    await copyFile(path, backup);
  }
  const tmp = `${path}.slim-py-tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, path);
  return { path, backup, status: old === undefined ? 'created' : 'replaced' };
}

/** Writes only when nothing is there (for .dockerignore: the user's own rules always win). */
export async function writeIfMissing(path: string, content: string): Promise<WriteOutcome | undefined> {
  if ((await readIfExists(path)) !== undefined) return undefined;
  await writeFile(path, redactText(content), { flag: 'wx' });
  return { path, status: 'created' };
}
