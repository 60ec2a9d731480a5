import { type Source, UserError } from '../errors.js';
import { jsonErrorOffset } from './json-error-offset.js';
import { normalizeName } from './normalize.js';
import { isTable } from './toml.js';
import { tomlDoc } from './toml-doc.js';

/** Locked versions by normalised name, each with the line that pins it. */
export type Locks = Map<string, { version: string; source: Source }>;

/**
 * uv.lock, poetry.lock and pdm.lock share a shape: `[[package]]` tables with name and version.
 * The first entry of a name wins (uv may fork one package per marker).
 */
export function parseTomlLock(text: string, file: string): Locks {
  const doc = tomlDoc(text, file);
  const locks: Locks = new Map();
  const packages = doc.shape.array(doc.data, [], 'package') ?? [];
  const lineOf = nameLines(text);
  for (const p of packages) {
    if (!isTable(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const name = normalizeName(p.name);
    if (locks.has(name)) continue;
    const line = lineOf.get(p.name);
    locks.set(name, { version: p.version, source: line ? { file, line } : { file } });
  }
  return locks;
}

/** Pipfile.lock (JSON): `default` (and `develop`) sections, versions written as `==1.2.3`. */
export function parsePipfileLock(text: string, file = 'Pipfile.lock'): Locks {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const line = text.slice(0, jsonErrorOffset(text)).split('\n').length;
    throw new UserError(
      `${file} is not valid JSON: ${(e as Error).message.split('\n')[0]}`,
      'regenerate it with `pipenv lock`',
      { file, line },
    );
  }
  const locks: Locks = new Map();
  if (!isTable(data))
    throw new UserError(`${file} should hold a JSON object`, 'regenerate it with `pipenv lock`', { file });
  const objectKeys = objectKeyLines(text);
  for (const section of ['default', 'develop']) {
    const s = data[section];
    if (!isTable(s)) continue;
    for (const [rawName, entry] of Object.entries(s)) {
      if (!isTable(entry) || typeof entry.version !== 'string') continue;
      const name = normalizeName(rawName);
      if (locks.has(name)) continue;
      const line = objectKeys.get(rawName);
      locks.set(name, {
        version: entry.version.replace(/^===?/, ''),
        source: line ? { file, line } : { file },
      });
    }
  }
  return locks;
}

/** First line of each `name = "x"` (a package table's own name, not `{ name = "x" }` in a list). */
function nameLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split('\n').forEach((l, i) => {
    const m = /^\s*name\s*=\s*["']([^"']*)["']\s*$/.exec(l);
    if (m?.[1] !== undefined && !out.has(m[1])) out.set(m[1], i + 1);
  });
  return out;
}

/** First line of each `"key": {` in pretty-printed JSON (package entries of Pipfile.lock open an object). */
function objectKeyLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split('\n').forEach((l, i) => {
    const m = /^\s*"((?:[^"\\]|\\.)*)"\s*:\s*\{/.exec(l);
    if (m?.[1] === undefined) return;
    let key = m[1];
    try {
      key = JSON.parse(`"${m[1]}"`);
    } catch {}
    if (!out.has(key)) out.set(key, i + 1);
  });
  return out;
}
