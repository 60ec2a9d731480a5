import type { Source } from '../errors.js';
import { isTable, type TomlTable } from './toml.js';
import type { TomlDoc } from './toml-doc.js';

/** What pyproject.toml says about building the project itself and where its packages live. */
export interface BuildInfo {
  /** `[build-system]`: its backend, or setuptools' legacy backend when only `requires` is given. */
  backend?: { value: string; source: Source };
  /** An explicit yes/no: `[tool.uv] package`, `[tool.poetry] package-mode`, `[tool.pdm] distribution`. */
  packageFlag?: { value: boolean; source: Source; key: string };
  /** The folder the build backend takes the packages from, when its configuration names one. */
  packageDir?: { path: string; source: Source; how: string };
  /** `[tool.uv.workspace] members` (globs) and `exclude`. */
  workspace?: { members: string[]; exclude: string[]; source: Source };
}

export function readBuildInfo(doc: TomlDoc): BuildInfo {
  const { shape, data } = doc;
  const info: BuildInfo = {};
  const bs = shape.table(data, [], 'build-system');
  if (bs) {
    const backend = shape.string(bs, ['build-system'], 'build-backend');
    info.backend = {
      value: backend ?? 'setuptools.build_meta:__legacy__',
      source: shape.where(['build-system'], backend ? 'build-backend' : undefined),
    };
  }
  const tool = shape.table(data, [], 'tool') ?? {};
  const sub = (name: string) => shape.table(tool, ['tool'], name);
  const flag = (table: TomlTable | undefined, name: string, key: string) => {
    const v = table?.[key];
    if (typeof v === 'boolean' && !info.packageFlag)
      info.packageFlag = { value: v, source: shape.where(['tool', name], key), key: `[tool.${name}] ${key}` };
  };
  const uv = sub('uv');
  const poetry = sub('poetry');
  const pdm = sub('pdm');
  flag(uv, 'uv', 'package');
  flag(poetry, 'poetry', 'package-mode');
  flag(pdm, 'pdm', 'distribution');
  info.packageDir =
    setuptoolsDir(doc, sub('setuptools')) ??
    poetryDir(doc, poetry) ??
    hatchDir(doc, sub('hatch')) ??
    pdmDir(doc, pdm);
  const ws = uv && shape.table(uv, ['tool', 'uv'], 'workspace');
  if (ws) {
    const t = ['tool', 'uv', 'workspace'];
    info.workspace = {
      members: shape.stringArray(ws, t, 'members') ?? [],
      exclude: shape.stringArray(ws, t, 'exclude') ?? [],
      source: shape.where(t, 'members'),
    };
  }
  return info;
}

type Dir = BuildInfo['packageDir'];

/** `package-dir = {"" = "src"}` or `[tool.setuptools.packages.find] where = ["src"]`. */
function setuptoolsDir(doc: TomlDoc, st: TomlTable | undefined): Dir {
  if (!st) return undefined;
  const t = ['tool', 'setuptools'];
  const pd = st['package-dir'];
  if (isTable(pd) && typeof pd[''] === 'string')
    return {
      path: pd[''],
      source: doc.shape.where(t, 'package-dir'),
      how: "[tool.setuptools] package-dir ''",
    };
  const packages = st.packages;
  const find = isTable(packages) && isTable(packages.find) ? packages.find : undefined;
  const where = find?.where;
  if (Array.isArray(where) && typeof where[0] === 'string')
    return {
      path: where[0],
      source: doc.shape.where([...t, 'packages', 'find'], 'where'),
      how: '[tool.setuptools.packages.find] where',
    };
  return undefined;
}

/** `packages = [{ include = "app", from = "src" }]`. */
function poetryDir(doc: TomlDoc, poetry: TomlTable | undefined): Dir {
  const list = poetry?.packages;
  if (!Array.isArray(list)) return undefined;
  const first = list.find((p) => isTable(p) && typeof p.include === 'string');
  if (!isTable(first)) return undefined;
  return {
    path: typeof first.from === 'string' ? first.from : '.',
    source: doc.shape.where(['tool', 'poetry'], 'packages'),
    how: '[tool.poetry] packages',
  };
}

/** `[tool.hatch.build.targets.wheel] packages = ["src/app"]` (or `sources = ["src"]`). */
function hatchDir(doc: TomlDoc, hatch: TomlTable | undefined): Dir {
  const build = isTable(hatch?.build) ? hatch.build : undefined;
  const wheel = isTable(build?.targets) && isTable(build.targets.wheel) ? build.targets.wheel : undefined;
  if (!wheel) return undefined;
  const t = ['tool', 'hatch', 'build', 'targets', 'wheel'];
  const first = Array.isArray(wheel.packages) ? wheel.packages[0] : undefined;
  if (typeof first === 'string') {
    const dir = first.includes('/') ? first.slice(0, first.lastIndexOf('/')) : '.';
    return {
      path: dir,
      source: doc.shape.where(t, 'packages'),
      how: '[tool.hatch.build.targets.wheel] packages',
    };
  }
  const sources = wheel.sources;
  const src = Array.isArray(sources) ? sources[0] : isTable(sources) ? Object.keys(sources)[0] : undefined;
  if (typeof src === 'string')
    return {
      path: src,
      source: doc.shape.where(t, 'sources'),
      how: '[tool.hatch.build.targets.wheel] sources',
    };
  return undefined;
}

/** `[tool.pdm.build] package-dir = "src"`. */
function pdmDir(doc: TomlDoc, pdm: TomlTable | undefined): Dir {
  const build = isTable(pdm?.build) ? pdm.build : undefined;
  const dir = build?.['package-dir'];
  if (typeof dir !== 'string') return undefined;
  return {
    path: dir,
    source: doc.shape.where(['tool', 'pdm', 'build'], 'package-dir'),
    how: '[tool.pdm.build] package-dir',
  };
}
