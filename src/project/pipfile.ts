import { type Source, UserError } from '../errors.js';
import { markerError } from '../pep/marker.js';
import { isValidName, normalizeName } from './normalize.js';
import { parseSpecifier } from './requirement-line.js';
import { isTable } from './toml.js';
import { type TomlDoc, tomlDoc } from './toml-doc.js';
import type { Dependency, IndexSettings } from './types.js';

export interface PipfileInfo {
  dependencies: Dependency[];
  /** `[dev-packages]` with group 'dev'. */
  groups: Dependency[];
  /** `[requires] python_version` (or python_full_version). */
  python?: { value: string; source: Source };
  index: IndexSettings;
}

const PYPI = /^https?:\/\/pypi\.(?:org|python\.org)\/simple\/?$/;
// Pipenv turns these keys of a package table into markers.
const MARKER_KEYS = [
  'os_name',
  'sys_platform',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_version',
  'python_full_version',
  'implementation_name',
  'implementation_version',
];

export function parsePipfile(text: string, file = 'Pipfile'): PipfileInfo {
  const doc = tomlDoc(text, file);
  const info: PipfileInfo = { dependencies: [], groups: [], index: { extraIndexUrls: [], findLinks: [] } };
  const { shape, data } = doc;
  const packages = shape.table(data, [], 'packages') ?? {};
  for (const key of Object.keys(packages))
    info.dependencies.push(pipfileDependency(doc, 'packages', key, packages[key]));
  const dev = shape.table(data, [], 'dev-packages') ?? {};
  for (const key of Object.keys(dev))
    info.groups.push({ ...pipfileDependency(doc, 'dev-packages', key, dev[key]), group: 'dev' });
  const requires = shape.table(data, [], 'requires') ?? {};
  for (const key of ['python_version', 'python_full_version']) {
    const v = shape.string(requires, ['requires'], key);
    if (v !== undefined && !info.python) info.python = { value: v, source: shape.where(['requires'], key) };
  }
  for (const [i, s] of (shape.array(data, [], 'source') ?? []).entries()) {
    if (!isTable(s) || typeof s.url !== 'string') continue;
    const source = {
      file,
      line: doc.lines.valueLine(['source'], 'url', s.url) ?? doc.lines.tableLine(['source']),
    };
    // The first source is the default index; PyPI itself is the default anyway, so not recorded.
    if (i === 0) {
      if (!PYPI.test(s.url)) info.index.indexUrl = { value: s.url, source };
    } else info.index.extraIndexUrls.push({ value: s.url, source });
  }
  return info;
}

function pipfileDependency(doc: TomlDoc, table: string, key: string, value: unknown): Dependency {
  const source = doc.shape.where([table], key);
  if (!isValidName(key)) bad(`'${key}' is not a valid package name`, source);
  const dep: Dependency = { name: normalizeName(key), specifier: '', extras: [], marker: '', source };
  if (typeof value === 'string') {
    dep.specifier = spec(value, key, source);
    return dep;
  }
  if (!isTable(value)) bad(`${key} should be a version string or a table`, source);
  if (value.version !== undefined)
    dep.specifier = spec(str(value.version, key, 'version', source), key, source);
  if (value.extras !== undefined) {
    if (!Array.isArray(value.extras) || !value.extras.every((x) => typeof x === 'string' && isValidName(x))) {
      bad(`${key}.extras should be an array of extra names`, source);
    }
    dep.extras = (value.extras as string[]).map(normalizeName);
  }
  const markers: string[] = [];
  if (value.markers !== undefined) markers.push(str(value.markers, key, 'markers', source));
  for (const mk of MARKER_KEYS) {
    const v = value[mk];
    if (typeof v === 'string') markers.push(/^\s*[=!<>~]/.test(v) ? `${mk} ${v.trim()}` : `${mk} == "${v}"`);
  }
  dep.marker = markers.length > 1 ? markers.map((m) => `(${m})`).join(' and ') : (markers[0] ?? '');
  if (dep.marker) {
    const err = markerError(dep.marker);
    if (err) bad(`${key}: bad markers '${dep.marker}': ${err}`, source);
  }
  if (typeof value.path === 'string') dep.localPath = value.path;
  if (typeof value.file === 'string') {
    if (/^[a-z]+:\/\//i.test(value.file) && !/^file:/i.test(value.file)) dep.url = value.file;
    else dep.localPath = value.file.replace(/^file:(\/\/)?/i, '');
  }
  if (value.editable === true) dep.editable = true;
  for (const vcs of ['git', 'hg', 'svn', 'bzr']) {
    const url = value[vcs];
    if (typeof url !== 'string') continue;
    const ref = typeof value.ref === 'string' ? `@${value.ref}` : '';
    dep.vcsUrl = `${vcs}+${url.replace(new RegExp(`^${vcs}\\+`), '')}${ref}`;
  }
  return dep;
}

function spec(v: string, key: string, source: Source): string {
  const t = v.trim();
  if (t === '*' || t === '') return '';
  // A bare version means that exact version.
  const checked = parseSpecifier(/^\d/.test(t) ? `==${t}` : t);
  if ('error' in checked) bad(`${key}: cannot read the version '${v}': ${checked.error}`, source);
  return checked.value;
}

function str(v: unknown, key: string, field: string, source: Source): string {
  if (typeof v !== 'string') bad(`${key}.${field} should be a string`, source);
  return v;
}

function bad(message: string, source: Source): never {
  throw new UserError(message, 'see https://pipenv.pypa.io/en/latest/specifiers.html', source);
}
