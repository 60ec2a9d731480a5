import { pep508Dependency } from './pip-requirement.js';
import { isTable, type TomlTable } from './toml.js';
import type { TomlDoc } from './toml-doc.js';
import type { Dependency, IndexSettings } from './types.js';

/** `[tool.uv]`: legacy dev-dependencies (group 'dev') and index settings. */
export function readUvTool(doc: TomlDoc, uv: TomlTable, index: IndexSettings): Dependency[] {
  const { shape, lines, file } = doc;
  const t = ['tool', 'uv'];
  const groups = (shape.stringArray(uv, t, 'dev-dependencies') ?? []).map((d) => ({
    ...pep508Dependency(d, { file, line: lines.valueLine(t, 'dev-dependencies', d) }),
    group: 'dev',
  }));
  const at = (key: string, value: string) => ({ file, line: lines.valueLine(t, key, value) });
  const indexUrl = shape.string(uv, t, 'index-url');
  if (indexUrl) index.indexUrl = { value: indexUrl, source: at('index-url', indexUrl) };
  for (const u of shape.stringArray(uv, t, 'extra-index-url') ?? []) {
    index.extraIndexUrls.push({ value: u, source: at('extra-index-url', u) });
  }
  for (const u of shape.stringArray(uv, t, 'find-links') ?? [])
    index.findLinks.push({ value: u, source: at('find-links', u) });
  for (const entry of shape.array(uv, t, 'index') ?? []) {
    if (!isTable(entry) || typeof entry.url !== 'string') continue;
    const source = {
      file,
      line: lines.valueLine([...t, 'index'], 'url', entry.url) ?? lines.tableLine([...t, 'index']),
    };
    if (typeof entry.name === 'string')
      index.named = [...(index.named ?? []), { name: entry.name, url: entry.url, source }];
    // `default = true` replaces PyPI; `explicit` indexes serve only the packages pinned to them.
    if (entry.default === true) index.indexUrl = { value: entry.url, source };
    else if (entry.explicit !== true) index.extraIndexUrls.push({ value: entry.url, source });
  }
  return groups;
}

/** `[tool.uv.sources]`: a dependency may come from a path, git or a URL instead of the index. */
export function applyUvSources(doc: TomlDoc, uv: TomlTable, deps: Dependency[]): void {
  const sources = doc.shape.table(uv, ['tool', 'uv'], 'sources');
  if (!sources) return;
  const byName = new Map(
    Object.entries(sources).map(([k, v]) => [k.toLowerCase().replace(/[-_.]+/g, '-'), v]),
  );
  for (const dep of deps) {
    const s = byName.get(dep.name);
    if (!isTable(s)) continue;
    if (typeof s.index === 'string') {
      dep.index = s.index;
    } else if (s.workspace === true) {
      dep.workspace = true;
    } else if (typeof s.path === 'string') {
      dep.localPath = s.path;
      if (s.editable === true) dep.editable = true;
    } else if (typeof s.git === 'string') {
      const ref = [s.rev, s.tag, s.branch].find((r) => typeof r === 'string');
      dep.vcsUrl = `git+${s.git.replace(/^git\+/, '')}${ref ? `@${ref}` : ''}`;
    } else if (typeof s.url === 'string') {
      dep.url = s.url;
    }
  }
}
