import { normalizeName } from '../normalize.js';
import { isTable } from '../toml.js';
import { tomlDoc } from '../toml-doc.js';
import { packageLines, sha256s } from './lines.js';
import type { Lock, LockEdge, LockNode, LockOrigin } from './types.js';

function edges(v: unknown): LockEdge[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e) =>
    isTable(e) && typeof e.name === 'string'
      ? [
          {
            name: normalizeName(e.name),
            marker: typeof e.marker === 'string' ? e.marker : '',
            extras: Array.isArray(e.extra) ? e.extra.filter((x): x is string => typeof x === 'string') : [],
          },
        ]
      : [],
  );
}

/** `git = "https://host/repo?rev=main#<commit>"`: the URL and the commit uv resolved. */
function origin(src: unknown): LockOrigin {
  if (!isTable(src)) return { kind: 'index' };
  if (typeof src.registry === 'string') return { kind: 'index', index: src.registry };
  if (typeof src.git === 'string') {
    const [base, commit = ''] = src.git.split('#');
    return { kind: 'vcs', url: (base ?? '').replace(/\?.*$/, ''), commit };
  }
  if (typeof src.url === 'string') return { kind: 'url', url: src.url };
  for (const k of ['virtual', 'editable', 'directory', 'path']) {
    const p = src[k];
    if (typeof p === 'string') return p === '.' ? { kind: 'project' } : { kind: 'path', path: p };
  }
  return { kind: 'index' };
}

/** uv.lock: `[[package]]` with source, dependencies, optional-dependencies, sdist/wheels hashes. */
export function parseUvLock(text: string, file: string): Lock {
  const doc = tomlDoc(text, file);
  const nodes: LockNode[] = [];
  const lineOf = packageLines(text, file);
  const count = new Map<string, number>();
  for (const p of doc.shape.array(doc.data, [], 'package') ?? []) {
    if (!isTable(p) || typeof p.name !== 'string') continue;
    const name = normalizeName(p.name);
    count.set(p.name, (count.get(p.name) ?? 0) + 1);
    const files = [...(isTable(p.sdist) ? [p.sdist] : []), ...(Array.isArray(p.wheels) ? p.wheels : [])];
    const optional = isTable(p['optional-dependencies']) ? p['optional-dependencies'] : {};
    const dev = isTable(p['dev-dependencies']) ? p['dev-dependencies'] : {};
    nodes.push({
      name,
      version: typeof p.version === 'string' ? p.version : '',
      source: lineOf(p.name, (count.get(p.name) ?? 1) - 1),
      hashes: sha256s(files.map((f) => (isTable(f) ? f.hash : undefined))),
      origin: origin(p.source),
      deps: edges(p.dependencies),
      extras: Object.fromEntries(
        [...Object.entries(optional), ...Object.entries(dev)].map(([k, v]) => [k, edges(v)]),
      ),
      ...(Array.isArray(p['resolution-markers'])
        ? { forks: p['resolution-markers'].filter((m): m is string => typeof m === 'string') }
        : {}),
    });
  }
  return { file, nodes, sectioned: false };
}
