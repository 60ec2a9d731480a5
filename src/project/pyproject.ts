import type { Source } from '../errors.js';
import { readPdm } from './pdm.js';
import { pep508Dependency } from './pip-requirement.js';
import { readPoetry } from './poetry.js';
import { type BuildInfo, readBuildInfo } from './pyproject-build.js';
import { isTable, type TomlTable } from './toml.js';
import { type TomlDoc, tomlDoc } from './toml-doc.js';
import type { Dependency, IndexSettings } from './types.js';
import { applyUvSources, readUvTool } from './uv-tool.js';

export interface Script {
  name: string;
  /** `module:function`. */
  target: string;
  source: Source;
}

/** Everything slim-py takes from pyproject.toml. */
export interface PyprojectInfo {
  name?: { value: string; source: Source };
  /** PEP 621 `[project]` main dependencies (absent when the table does not declare them). */
  pep621?: Dependency[];
  /** PEP 621 optional-dependencies and PEP 735 dependency-groups, each with `group`. */
  pep621Groups: Dependency[];
  /** `dependencies` is listed in `[project] dynamic` (setuptools may read requirements files). */
  dynamicDependencyFiles: { files: string[]; source: Source }[];
  poetry?: { dependencies: Dependency[]; groups: Dependency[]; python?: { value: string; source: Source } };
  pdm?: { groups: Dependency[] };
  uv?: { groups: Dependency[]; defaultGroups?: { names: string[]; source: Source } };
  requiresPython?: { value: string; source: Source };
  scripts: Script[];
  /** `[build-system]` is present. */
  buildSystem: boolean;
  /** Build backend, package flags, where the packages live, workspace members. */
  build: BuildInfo;
  /** `[tool.fastapi] entrypoint` ("pkg.main:app"), read by `fastapi run`. */
  fastapiEntrypoint?: { value: string; source: Source };
  index: IndexSettings;
  warnings: { message: string; source?: Source }[];
}

export function parsePyproject(text: string, file = 'pyproject.toml'): PyprojectInfo {
  const doc = tomlDoc(text, file);
  const { data, shape } = doc;
  const info: PyprojectInfo = {
    pep621Groups: [],
    dynamicDependencyFiles: [],
    scripts: [],
    buildSystem: data['build-system'] !== undefined,
    build: readBuildInfo(doc),
    index: { extraIndexUrls: [], findLinks: [] },
    warnings: [],
  };
  const project = shape.table(data, [], 'project');
  if (project) readProject(doc, project, info);
  readDependencyGroups(doc, info);
  const tool = shape.table(data, [], 'tool') ?? {};
  const poetry = shape.table(tool, ['tool'], 'poetry');
  if (poetry) {
    const p = readPoetry(doc, poetry, info.index);
    info.poetry = {
      dependencies: p.dependencies,
      groups: p.groups,
      ...(p.python ? { python: p.python } : {}),
    };
    info.scripts.push(...p.scripts);
    info.warnings.push(...p.warnings);
    if (!info.name && p.name) info.name = p.name;
  }
  const pdm = shape.table(tool, ['tool'], 'pdm');
  if (pdm) info.pdm = { groups: readPdm(doc, pdm, info.index) };
  const uv = shape.table(tool, ['tool'], 'uv');
  if (uv) {
    info.uv = { groups: readUvTool(doc, uv, info.index) };
    const dg = uv['default-groups'];
    if (Array.isArray(dg) && dg.every((g) => typeof g === 'string'))
      info.uv.defaultGroups = {
        names: dg as string[],
        source: shape.where(['tool', 'uv'], 'default-groups'),
      };
    for (const list of [info.pep621 ?? [], info.pep621Groups, info.uv.groups]) applyUvSources(doc, uv, list);
  }
  readSetuptoolsDynamic(doc, tool, info);
  const fastapi = shape.table(tool, ['tool'], 'fastapi');
  const ep = fastapi && shape.string(fastapi, ['tool', 'fastapi'], 'entrypoint');
  if (ep) info.fastapiEntrypoint = { value: ep, source: shape.where(['tool', 'fastapi'], 'entrypoint') };
  return info;
}

function readProject(doc: TomlDoc, project: TomlTable, info: PyprojectInfo) {
  const { shape, lines, file } = doc;
  const t = ['project'];
  const name = shape.string(project, t, 'name');
  if (name !== undefined) info.name = { value: name, source: shape.where(t, 'name') };
  const rp = shape.string(project, t, 'requires-python');
  if (rp !== undefined) info.requiresPython = { value: rp, source: shape.where(t, 'requires-python') };
  const deps = shape.stringArray(project, t, 'dependencies');
  if (deps) {
    info.pep621 = deps.map((d) =>
      pep508Dependency(d, { file, line: lines.valueLine(t, 'dependencies', d) ?? lines.tableLine(t) }),
    );
  }
  const optional = shape.table(project, t, 'optional-dependencies') ?? {};
  for (const group of Object.keys(optional)) {
    const gt = [...t, 'optional-dependencies'];
    for (const d of shape.stringArray(optional, gt, group) ?? []) {
      const dep = pep508Dependency(d, { file, line: lines.valueLine(gt, group, d) });
      info.pep621Groups.push({ ...dep, group, groupKind: 'extra' });
    }
  }
  const scripts = shape.table(project, t, 'scripts') ?? {};
  for (const key of Object.keys(scripts)) {
    const target = shape.string(scripts, [...t, 'scripts'], key) ?? '';
    info.scripts.push({ name: key, target, source: shape.where([...t, 'scripts'], key) });
  }
  const dynamic = shape.stringArray(project, t, 'dynamic') ?? [];
  if (dynamic.includes('dependencies') && !deps) {
    info.warnings.push({
      message:
        'dependencies are dynamic (computed by the build backend); only files slim-py can see are read',
      source: shape.where(t, 'dynamic'),
    });
  }
}

/** PEP 735 `[dependency-groups]`: strings, or `{include-group = "x"}` (the other group is listed anyway). */
function readDependencyGroups(doc: TomlDoc, info: PyprojectInfo) {
  const { shape, lines, file } = doc;
  const groups = shape.table(doc.data, [], 'dependency-groups') ?? {};
  for (const group of Object.keys(groups)) {
    const t = ['dependency-groups'];
    for (const entry of shape.array(groups, t, group) ?? []) {
      if (isTable(entry) && typeof entry['include-group'] === 'string') continue;
      if (typeof entry !== 'string') throw shape.error(t, group, 'an array of requirement strings');
      const dep = pep508Dependency(entry, { file, line: lines.valueLine(t, group, entry) });
      info.pep621Groups.push({ ...dep, group });
    }
  }
}

/** setuptools `[tool.setuptools.dynamic] dependencies = {file = ["requirements.txt"]}`. */
function readSetuptoolsDynamic(doc: TomlDoc, tool: TomlTable, info: PyprojectInfo) {
  const { shape } = doc;
  const st = shape.table(tool, ['tool'], 'setuptools');
  const dyn = st && shape.table(st, ['tool', 'setuptools'], 'dynamic');
  const deps = dyn && shape.table(dyn, ['tool', 'setuptools', 'dynamic'], 'dependencies');
  if (!deps) return;
  const t = ['tool', 'setuptools', 'dynamic', 'dependencies'];
  const f = deps.file;
  const files = typeof f === 'string' ? [f] : (shape.stringArray(deps, t, 'file') ?? []);
  info.dynamicDependencyFiles.push({
    files,
    source: shape.where(['tool', 'setuptools', 'dynamic'], 'dependencies'),
  });
}
