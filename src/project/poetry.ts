import { type Source, UserError } from '../errors.js';
import { markerError } from '../pep/marker.js';
import { isValidName, normalizeName } from './normalize.js';
import { poetryToPep440, pythonConstraintToMarker } from './poetry-spec.js';
import type { Script } from './pyproject.js';
import { parseSpecifier } from './requirement-line.js';
import { isTable, type TomlTable } from './toml.js';
import type { TomlDoc } from './toml-doc.js';
import type { Dependency, IndexSettings } from './types.js';

type Warnings = { message: string; source?: Source }[];

export interface PoetryInfo {
  name?: { value: string; source: Source };
  dependencies: Dependency[];
  groups: Dependency[];
  python?: { value: string; source: Source };
  scripts: Script[];
  warnings: { message: string; source?: Source }[];
}

/** `[tool.poetry]`: dependencies (caret/tilde translated), groups, extras, scripts, sources. */
export function readPoetry(doc: TomlDoc, poetry: TomlTable, index: IndexSettings): PoetryInfo {
  const { shape } = doc;
  const t = ['tool', 'poetry'];
  const info: PoetryInfo = { dependencies: [], groups: [], scripts: [], warnings: [] };
  const name = shape.string(poetry, t, 'name');
  if (name !== undefined) info.name = { value: name, source: shape.where(t, 'name') };

  const extrasOf = new Map<string, string>();
  const extras = shape.table(poetry, t, 'extras') ?? {};
  for (const extra of Object.keys(extras)) {
    for (const n of shape.stringArray(extras, [...t, 'extras'], extra) ?? [])
      extrasOf.set(normalizeName(n), extra);
  }

  const main = shape.table(poetry, t, 'dependencies') ?? {};
  for (const key of Object.keys(main)) {
    const where = shape.where([...t, 'dependencies'], key);
    if (key.toLowerCase() === 'python') {
      const v = main[key];
      if (typeof v !== 'string') throw shape.error([...t, 'dependencies'], key, 'a version string');
      info.python = { value: v, source: where };
      continue;
    }
    for (const dep of poetryDependency(key, main[key], where, info.warnings)) {
      const extra = extrasOf.get(dep.dep.name);
      info.dependencies.push(
        dep.optional ? { ...dep.dep, group: extra ?? 'optional', groupKind: 'extra' } : dep.dep,
      );
    }
  }

  const groupTables: [string, TomlTable, string[]][] = [];
  const legacyDev = shape.table(poetry, t, 'dev-dependencies');
  if (legacyDev) groupTables.push(['dev', legacyDev, [...t, 'dev-dependencies']]);
  const groups = shape.table(poetry, t, 'group') ?? {};
  for (const g of Object.keys(groups)) {
    const gt = [...t, 'group', g];
    const table = shape.table(groups, [...t, 'group'], g) ?? {};
    const deps = shape.table(table, gt, 'dependencies');
    if (deps) groupTables.push([g, deps, [...gt, 'dependencies']]);
  }
  for (const [group, table, path] of groupTables) {
    for (const key of Object.keys(table)) {
      for (const d of poetryDependency(key, table[key], shape.where(path, key), info.warnings)) {
        info.groups.push({ ...d.dep, group });
      }
    }
  }

  const scripts = shape.table(poetry, t, 'scripts') ?? {};
  for (const key of Object.keys(scripts)) {
    const v = scripts[key];
    const target = typeof v === 'string' ? v : isTable(v) ? (v.reference ?? v.callable) : undefined;
    if (typeof target !== 'string') throw shape.error([...t, 'scripts'], key, 'a "module:function" string');
    info.scripts.push({ name: key, target, source: shape.where([...t, 'scripts'], key) });
  }

  readSources(doc, poetry, index);
  return info;
}

function readSources(doc: TomlDoc, poetry: TomlTable, index: IndexSettings) {
  const t = ['tool', 'poetry'];
  for (const s of doc.shape.array(poetry, t, 'source') ?? []) {
    if (!isTable(s) || typeof s.url !== 'string') continue; // PyPI itself may be listed without a url
    const source: Source = {
      file: doc.file,
      line: doc.lines.valueLine([...t, 'source'], 'url', s.url) ?? doc.lines.tableLine([...t, 'source']),
    };
    // Poetry ≥1.5: a source without a priority is primary; legacy `secondary = true` is not.
    const priority =
      typeof s.priority === 'string' ? s.priority : s.secondary === true ? 'secondary' : 'primary';
    if (typeof s.name === 'string')
      index.named = [...(index.named ?? []), { name: s.name, url: s.url, source }];
    if ((priority === 'primary' || priority === 'default') && !index.indexUrl)
      index.indexUrl = { value: s.url, source };
    // `explicit`: only the packages that name it come from it.
    else if (priority !== 'explicit') index.extraIndexUrls.push({ value: s.url, source });
  }
}

/** One Poetry dependency entry (string, table, or array of tables) → Dependencies. */
function poetryDependency(
  key: string,
  value: unknown,
  source: Source,
  warnings: Warnings,
): { dep: Dependency; optional: boolean }[] {
  if (!isValidName(key)) bad(`'${key}' is not a valid package name`, source);
  const name = normalizeName(key);
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => {
    if (typeof entry === 'string')
      return { dep: base(name, spec(entry, key, source, warnings), '', source), optional: false };
    if (!isTable(entry)) bad(`${key} should be a version string or a table`, source);
    const version =
      entry.version === undefined
        ? ''
        : spec(str(entry.version, key, 'version', source), key, source, warnings);
    const markers: string[] = [];
    if (entry.markers !== undefined) markers.push(str(entry.markers, key, 'markers', source));
    if (entry.python !== undefined) {
      const m = pythonConstraintToMarker(str(entry.python, key, 'python', source));
      if (m === undefined) bad(`${key}: cannot translate python = '${entry.python}'`, source);
      if (m) markers.push(m);
    }
    if (entry.platform !== undefined)
      markers.push(`sys_platform == "${str(entry.platform, key, 'platform', source)}"`);
    const marker = markers.length > 1 ? markers.map((m) => `(${m})`).join(' and ') : (markers[0] ?? '');
    if (marker) {
      const err = markerError(marker);
      if (err) bad(`${key}: bad markers '${marker}': ${err}`, source);
    }
    const dep = base(name, version, marker, source);
    if (entry.extras !== undefined) {
      if (
        !Array.isArray(entry.extras) ||
        !entry.extras.every((x) => typeof x === 'string' && isValidName(x))
      ) {
        bad(`${key}.extras should be an array of extra names`, source);
      }
      dep.extras = (entry.extras as string[]).map(normalizeName);
    }
    if (entry.path !== undefined) {
      dep.localPath = str(entry.path, key, 'path', source);
      if (entry.develop === true) dep.editable = true;
    }
    if (entry.git !== undefined) {
      const ref = entry.rev ?? entry.tag ?? entry.branch;
      const git = str(entry.git, key, 'git', source);
      dep.vcsUrl = `git+${git.replace(/^git\+/, '')}${typeof ref === 'string' ? `@${ref}` : ''}`;
    }
    if (entry.url !== undefined) dep.url = str(entry.url, key, 'url', source);
    if (typeof entry.source === 'string') dep.index = entry.source;
    return { dep, optional: entry.optional === true };
  });
}

function base(name: string, specifier: string, marker: string, source: Source): Dependency {
  return { name, specifier, extras: [], marker, source };
}

function spec(constraint: string, key: string, source: Source, warnings?: Warnings): string {
  if (constraint.includes('||')) {
    // PEP 440 has no "or": install whatever the resolver picks, and say so.
    warnings?.push({ message: `${key}: '${constraint}' has alternatives (||); treated as unpinned`, source });
    return '';
  }
  const out = poetryToPep440(constraint);
  const checked = out === undefined ? undefined : parseSpecifier(out);
  if (!checked || 'error' in checked) {
    bad(`${key}: cannot read the version constraint '${constraint}'`, source);
  }
  return checked.value;
}

function str(v: unknown, key: string, field: string, source: Source): string {
  if (typeof v !== 'string') bad(`${key}.${field} should be a string`, source);
  return v;
}

function bad(message: string, source: Source): never {
  throw new UserError(message, 'see https://python-poetry.org/docs/dependency-specification/', source);
}
