import { type Source, UserError } from '../../errors.js';
import { jsonErrorOffset } from '../json-error-offset.js';
import { normalizeName } from '../normalize.js';
import { isTable } from '../toml.js';
import { tomlDoc } from '../toml-doc.js';
import { packageLines, sha256s } from './lines.js';
import type { Lock, LockNode } from './types.js';

/**
 * Locks that list the production set themselves: Pipfile.lock's `default` section, pdm.lock's
 * `groups = ["default"]` per package. No graph to walk: each package says where it belongs.
 */

/** Pipfile.lock (JSON): `default` and `develop`, each package `{version: "==x", hashes, markers, git, ref}`. */
export function parsePipfileFullLock(text: string, file: string): Lock {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const line = text.slice(0, jsonErrorOffset(text)).split('\n').length;
    throw new UserError(
      `${file} is not valid JSON: ${(e as Error).message.split('\n')[0]}`,
      'regenerate it with `pipenv lock`',
      {
        file,
        line,
      },
    );
  }
  const nodes: LockNode[] = [];
  const byName = new Map<string, LockNode>();
  const keyLines = new Map<string, number>();
  for (const [i, l] of text.split('\n').entries()) {
    const m = /^\s*"([^"\\]*)"\s*:\s*\{/.exec(l);
    if (m?.[1] !== undefined && !keyLines.has(m[1])) keyLines.set(m[1], i + 1);
  }
  const lineOf = (key: string): Source => {
    const line = keyLines.get(key);
    return line ? { file, line } : { file };
  };
  for (const section of ['default', 'develop']) {
    const s = isTable(data) ? data[section] : undefined;
    if (!isTable(s)) continue;
    for (const [raw, e] of Object.entries(s)) {
      if (!isTable(e)) continue;
      const name = normalizeName(raw);
      const known = byName.get(name);
      if (known) {
        known.sections?.push(section);
        continue;
      }
      const git = typeof e.git === 'string' ? e.git : undefined;
      const path = typeof e.path === 'string' ? e.path : typeof e.file === 'string' ? e.file : undefined;
      const node: LockNode = {
        name,
        version: typeof e.version === 'string' ? e.version.replace(/^===?/, '') : '',
        source: lineOf(raw),
        hashes: sha256s(Array.isArray(e.hashes) ? e.hashes : []),
        origin: git
          ? { kind: 'vcs', url: git.replace(/^git\+/, ''), commit: typeof e.ref === 'string' ? e.ref : '' }
          : path !== undefined
            ? path === '.'
              ? { kind: 'project' }
              : { kind: 'path', path }
            : { kind: 'index' },
        deps: [],
        extras: {},
        sections: [section],
        ...(typeof e.markers === 'string' ? { forks: [e.markers] } : {}),
      };
      nodes.push(node);
      byName.set(name, node);
    }
  }
  return { file, nodes, sectioned: true };
}

/** pdm.lock: `[[package]]` with `groups`, `files = [{file, hash}]`, `git`/`revision`, `path`. */
export function parsePdmLock(text: string, file: string): Lock {
  const doc = tomlDoc(text, file);
  const lineOf = packageLines(text, file);
  const nodes: LockNode[] = [];
  for (const p of doc.shape.array(doc.data, [], 'package') ?? []) {
    if (!isTable(p) || typeof p.name !== 'string') continue;
    const groups = Array.isArray(p.groups)
      ? p.groups.filter((g): g is string => typeof g === 'string')
      : ['default'];
    nodes.push({
      name: normalizeName(p.name),
      version: typeof p.version === 'string' ? p.version : '',
      source: lineOf(p.name, 0),
      hashes: sha256s((Array.isArray(p.files) ? p.files : []).map((f) => (isTable(f) ? f.hash : undefined))),
      origin:
        typeof p.git === 'string'
          ? { kind: 'vcs', url: p.git, commit: typeof p.revision === 'string' ? p.revision : '' }
          : typeof p.path === 'string'
            ? { kind: 'path', path: p.path }
            : { kind: 'index' },
      deps: [],
      extras: {},
      sections: groups,
      ...(typeof p.marker === 'string' ? { forks: [p.marker] } : {}),
    });
  }
  return { file, nodes, sectioned: true };
}
