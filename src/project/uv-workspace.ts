import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Source } from '../errors.js';
import { normalizeName } from './normalize.js';
import { pep508Dependency } from './pip-requirement.js';
import type { BuildInfo } from './pyproject-build.js';
import { isDirectory, isFile, readText } from './read-text.js';
import { isTable } from './toml.js';
import { tomlDoc } from './toml-doc.js';
import type { Dependency } from './types.js';

type Warnings = { message: string; source?: Source }[];

export interface Member {
  name: string;
  /** Root-relative folder. */
  dir: string;
  /** Its `[project] dependencies` (names only matter here: members pull members in). */
  dependencies: Dependency[];
}

/** Folders a members pattern names: `packages/*`, `libs/core` (one `*` or `**`-free glob per segment). */
async function expand(root: string, pattern: string): Promise<string[]> {
  let dirs = [''];
  for (const seg of pattern
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s && s !== '.')) {
    if (seg === '..') return [];
    const next: string[] = [];
    for (const d of dirs) {
      if (!/[*?[]/.test(seg)) {
        if (await isDirectory(path.join(root, d, seg))) next.push(path.posix.join(d, seg));
        continue;
      }
      const re = new RegExp(
        `^${seg
          .replace(/[.+^${}()|\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')}$`,
      );
      const entries = await readdir(path.join(root, d), { withFileTypes: true }).catch(() => []);
      for (const e of entries)
        if (e.isDirectory() && !e.name.startsWith('.') && re.test(e.name))
          next.push(path.posix.join(d, e.name));
    }
    dirs = next;
  }
  return dirs.filter(Boolean).sort();
}

/** The members of `[tool.uv.workspace]`: every matched folder with a pyproject.toml naming a project. */
export async function workspaceMembers(
  root: string,
  ws: NonNullable<BuildInfo['workspace']>,
  warnings: Warnings,
): Promise<Member[]> {
  const excluded = new Set((await Promise.all(ws.exclude.map((p) => expand(root, p)))).flat());
  const out: Member[] = [];
  for (const pattern of ws.members) {
    const dirs = await expand(root, pattern);
    if (dirs.length === 0)
      warnings.push({ message: `workspace members '${pattern}' match no folder`, source: ws.source });
    for (const dir of dirs) {
      const file = `${dir}/pyproject.toml`;
      if (excluded.has(dir) || out.some((m) => m.dir === dir) || !(await isFile(path.join(root, file))))
        continue;
      const doc = tomlDoc(await readText(root, path.join(root, file)), file);
      const project = isTable(doc.data.project) ? doc.data.project : {};
      if (typeof project.name !== 'string') continue;
      const deps = doc.shape.stringArray(project, ['project'], 'dependencies') ?? [];
      out.push({
        name: normalizeName(project.name),
        dir,
        dependencies: deps.map((d) =>
          pep508Dependency(d, { file, line: doc.lines.valueLine(['project'], 'dependencies', d) }),
        ),
      });
    }
  }
  return out;
}

/**
 * Workspace dependencies point at their member's folder, and the members they pull in come
 * along as local paths too (pip must find them next to each other: none is on an index). A
 * virtual root (no dependencies of its own) installs every member.
 */
export function followWorkspace(
  deps: Dependency[],
  members: Member[],
  source: Source,
  warnings: Warnings,
): Dependency[] {
  const byName = new Map(members.map((m) => [m.name, m]));
  const local = (m: Member, from: Source): Dependency => ({
    name: m.name,
    specifier: '',
    extras: [],
    marker: '',
    source: from,
    localPath: m.dir,
  });
  let out = deps.map((d) => {
    const m = d.workspace || (!d.localPath && !d.vcsUrl && !d.url) ? byName.get(d.name) : undefined;
    return m && d.group === undefined ? { ...d, specifier: '', localPath: m.dir } : d;
  });
  if (!out.some((d) => d.group === undefined) && members.length > 0) {
    warnings.push({
      message: `the workspace root declares no dependencies of its own: its members are installed (${members.map((m) => m.name).join(', ')})`,
      source,
    });
    out = [...members.map((m) => local(m, source)), ...out];
  }
  // Members that members depend on, transitively.
  const queue = out.filter((d) => d.localPath && byName.has(d.name)).map((d) => byName.get(d.name)!);
  const have = new Set(queue.map((m) => m.name));
  while (queue.length) {
    const m = queue.shift()!;
    for (const dep of m.dependencies) {
      const next = byName.get(dep.name);
      if (!next || have.has(next.name)) continue;
      have.add(next.name);
      queue.push(next);
      out.push(local(next, dep.source));
    }
  }
  return out;
}
