import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Source, UserError } from '../errors.js';

/** Larger text files are not project metadata; refuse them before reading a byte. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

/** The path shown to the user: relative to the root, absolute when outside it. */
export function displayPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join('/');
}

/** Whether a regular file exists (following symlinks). */
export async function isFile(abs: string): Promise<boolean> {
  try {
    return (await stat(abs)).isFile();
  } catch {
    return false;
  }
}

export async function isDirectory(abs: string): Promise<boolean> {
  try {
    return (await stat(abs)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads a project text file as UTF-8 with CRLF turned into LF and a BOM dropped.
 * Binary, oversized, unreadable and missing files become UserErrors; `from` is where the
 * file was referenced (an include line), used as `where` when the file itself is missing.
 */
export async function readText(root: string, abs: string, from?: Source): Promise<string> {
  const shown = displayPath(root, abs);
  let size: number;
  try {
    const st = await stat(abs);
    if (!st.isFile()) {
      throw new UserError(`${shown} is not a regular file`, 'point it at a file', from ?? { file: shown });
    }
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      `cannot open ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      from ? 'fix the path on this line (it is relative to the file that contains it)' : 'check the path',
      from ?? { file: shown },
    );
  }
  if (size > MAX_TEXT_BYTES) {
    throw new UserError(
      `${shown} is ${(size / 1024 / 1024).toFixed(1)} MB; a project file should be text of at most 5 MB`,
      'check that this is the right file; large generated files do not belong here',
      { file: shown },
    );
  }
  let buf: Buffer;
  try {
    buf = await readFile(abs);
  } catch (e) {
    throw new UserError(
      `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? e}`,
      'check permissions',
      {
        file: shown,
      },
    );
  }
  return decodeText(buf, shown);
}

/** UTF-8 text or a UserError naming the line with the first bad byte. */
export function decodeText(buf: Uint8Array, shown: string): string {
  const nul = buf.indexOf(0);
  if (nul >= 0) throw binaryError(buf, nul, shown, 'contains NUL bytes');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw binaryError(buf, firstInvalidUtf8(buf), shown, 'is not valid UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n/g, '\n');
}

function binaryError(buf: Uint8Array, at: number, shown: string, what: string): UserError {
  let line = 1;
  for (let i = 0; i < at && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return new UserError(
    `${shown} ${what}; it looks like a binary file, not text`,
    'save it as UTF-8 text (or remove it if it is not meant to be here)',
    { file: shown, line },
  );
}

/** Offset of the first byte where UTF-8 decoding fails (the line number needs it). */
function firstInvalidUtf8(buf: Uint8Array): number {
  // Binary search for the shortest invalid prefix; streaming mode accepts a prefix that
  // merely ends mid-character, so validity of prefixes is monotonic.
  let lo = 0;
  let hi = buf.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
