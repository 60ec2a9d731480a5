import type { FormatOption } from './format-control.js';
import { isValidName } from './normalize.js';
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
  readUvFormats(doc, uv, index);
  return groups;
}

/**
 * uv's `no-binary`/`no-build` (every package) and `no-binary-package`/`no-build-package`: the same
 * decisions as pip's --no-binary/--only-binary, which the install then passes to pip.
 */
function readUvFormats(doc: TomlDoc, uv: TomlTable, index: IndexSettings): void {
  const t = ['tool', 'uv'];
  const add = (key: string, flag: FormatOption['flag'], value: string, setting: string) => {
    const line =
      (value === ':all:' ? undefined : doc.lines.valueLine(t, key, value)) ?? doc.lines.keyLine(t, key);
    const source = line ? { file: doc.file, line } : { file: doc.file };
    index.formats = [...(index.formats ?? []), { flag, value, source, setting }];
  };
  for (const [key, flag] of [
    ['no-binary', 'no-binary'],
    ['no-build', 'only-binary'],
  ] as const) {
    const all = uv[key];
    if (all === undefined) continue;
    if (typeof all !== 'boolean') throw doc.shape.error(t, key, 'true or false');
    if (all) add(key, flag, ':all:', `[tool.uv] ${key} = true`);
  }
  for (const [key, flag] of [
    ['no-binary-package', 'no-binary'],
    ['no-build-package', 'only-binary'],
  ] as const) {
    const names = doc.shape.stringArray(uv, t, key) ?? [];
    const wrong = names.find((n) => !isValidName(n));
    if (wrong !== undefined) throw doc.shape.error(t, key, 'an array of package names');
    for (const n of names) add(key, flag, n, `[tool.uv] ${key} = ${n}`);
  }
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
