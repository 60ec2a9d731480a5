import { normalizeName } from '../normalize.js';
import { isTable } from '../toml.js';
import { tomlDoc } from '../toml-doc.js';
import { packageLines, sha256s } from './lines.js';
import type { Lock, LockEdge, LockNode, LockOrigin } from './types.js';

/** `[package.dependencies]`: `x = ">=1"`, `x = {version, markers, optional, extras}`, or a list of those. */
function edges(deps: unknown): LockEdge[] {
  if (!isTable(deps)) return [];
  return Object.entries(deps).flatMap(([name, v]) =>
    (Array.isArray(v) ? v : [v]).flatMap((e): LockEdge[] => {
      if (typeof e === 'string') return [{ name: normalizeName(name), marker: '', extras: [] }];
      if (!isTable(e) || e.optional === true) return [];
      return [
        {
          name: normalizeName(name),
          marker: typeof e.markers === 'string' ? e.markers : '',
          extras: Array.isArray(e.extras) ? e.extras.filter((x): x is string => typeof x === 'string') : [],
        },
      ];
    }),
  );
}

/** `[package.extras] standard = ["httptools (>=0.5)", "uvloop ; sys_platform != 'win32'"]`. */
function extras(v: unknown): Record<string, LockEdge[]> {
  if (!isTable(v)) return {};
  return Object.fromEntries(
    Object.entries(v).map(([extra, list]) => [
      extra,
      (Array.isArray(list) ? list : []).flatMap((r): LockEdge[] => {
        const m =
          typeof r === 'string'
            ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?[^;]*(?:;\s*(.*))?$/.exec(r)
            : null;
        return m?.[1]
          ? [
              {
                name: normalizeName(m[1]),
                marker: m[3]?.trim() ?? '',
                extras: m[2] ? m[2].split(',').map((x) => x.trim()) : [],
              },
            ]
          : [];
      }),
    ]),
  );
}

function origin(src: unknown): LockOrigin {
  if (!isTable(src) || typeof src.type !== 'string') return { kind: 'index' };
  const url = typeof src.url === 'string' ? src.url : '';
  if (src.type === 'git')
    return {
      kind: 'vcs',
      url,
      commit: typeof src.resolved_reference === 'string' ? src.resolved_reference : '',
    };
  if (src.type === 'directory' || src.type === 'file') return { kind: 'path', path: url };
  if (src.type === 'url') return { kind: 'url', url };
  // legacy/explicit sources: the source's name, mapped to its URL through [[tool.poetry.source]].
  return { kind: 'index', ...(typeof src.reference === 'string' ? { index: src.reference } : {}) };
}

/** poetry.lock: `[[package]]` with files (hashes), dependencies, extras and a source. */
export function parsePoetryLock(text: string, file: string): Lock {
  const doc = tomlDoc(text, file);
  const lineOf = packageLines(text, file);
  const nodes: LockNode[] = [];
  for (const p of doc.shape.array(doc.data, [], 'package') ?? []) {
    if (!isTable(p) || typeof p.name !== 'string') continue;
    nodes.push({
      name: normalizeName(p.name),
      version: typeof p.version === 'string' ? p.version : '',
      source: lineOf(p.name, 0),
      hashes: sha256s((Array.isArray(p.files) ? p.files : []).map((f) => (isTable(f) ? f.hash : undefined))),
      origin: origin(p.source),
      deps: edges(p.dependencies),
      extras: extras(p.extras),
    });
  }
  return { file, nodes, sectioned: false };
}
