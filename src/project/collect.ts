import path from 'node:path';
import type { Source } from '../errors.js';
import { conflictingPins, lockDisagreements } from './dependency-checks.js';
import { type Lock, parseLock } from './lock/index.js';
import { type Locks, pinsOf } from './locks.js';
import type { PipfileInfo } from './pipfile.js';
import type { FoundFiles } from './project-files.js';
import type { PyprojectInfo } from './pyproject.js';
import { displayPath, isFile, readText } from './read-text.js';
import type { RequirementsReader } from './requirements.js';
import type { Dependency, IndexSettings, Manager, ProjectFile } from './types.js';
import { followWorkspace, workspaceMembers } from './uv-workspace.js';

type Warnings = { message: string; source?: Source }[];

export interface Collected {
  dependencies: Dependency[];
  index: IndexSettings;
  files: ProjectFile[];
  warnings: Warnings;
  /** The whole lock file (uv.lock, poetry.lock, Pipfile.lock, pdm.lock), when the manager has one. */
  lock?: Lock;
}

/** The dependency list for the chosen manager, with locked versions applied. */
export async function collectDependencies(
  root: string,
  manager: Manager,
  found: FoundFiles,
  pyproject: PyprojectInfo | undefined,
  pipfile: PipfileInfo | undefined,
  read: RequirementsReader,
): Promise<Collected> {
  const out: Collected = {
    dependencies: [],
    index: { extraIndexUrls: [], findLinks: [] },
    files: [],
    warnings: [],
  };
  let locks: Locks | undefined;
  const lockFile = async (file: string, kind: ProjectFile['kind']): Promise<Locks> => {
    out.files.push({ path: file, kind });
    out.lock = parseLock(file, await readText(root, path.join(root, file)));
    return pinsOf(out.lock);
  };
  if (manager === 'pip' && found.requirements) {
    const r = await read(found.requirements);
    out.dependencies.push(...r.dependencies);
    out.files.push(...r.files);
    out.warnings.push(...r.warnings);
    out.index = r.index;
    // `==` pins from constraint files are what pip will install.
    if (r.pins.size > 0) locks = r.pins;
  } else if (manager === 'pipenv' && pipfile) {
    out.dependencies.push(...pipfile.dependencies, ...pipfile.groups);
    // [project] dependencies are the app's too: pipenv installs them with the project (`-e .`).
    const named = new Set(out.dependencies.map((d) => d.name));
    const pep621 = (pyproject?.pep621 ?? []).filter((d) => !named.has(d.name));
    out.dependencies.push(...pep621);
    if (pep621.length)
      out.warnings.push({
        message: `pyproject.toml's [project] dependencies are installed too (${pep621.map((d) => d.name).join(', ')}): the Pipfile does not list them`,
        source: pep621[0]!.source,
      });
    out.index = pipfile.index;
    if (found.pipfileLock) locks = await lockFile('Pipfile.lock', 'pipfile-lock');
    else
      out.warnings.push({
        message: 'Pipfile has no Pipfile.lock; versions are resolved at build time',
        source: { file: 'Pipfile' },
      });
  } else if (pyproject) {
    out.index = pyproject.index;
    const poetry = manager === 'poetry' ? pyproject.poetry : undefined;
    // Poetry 2 reads main dependencies from [project] when they are declared there.
    const main = poetry && !pyproject.pep621 ? poetry.dependencies : (pyproject.pep621 ?? []);
    out.dependencies.push(...main, ...pyproject.pep621Groups);
    if (poetry) out.dependencies.push(...poetry.groups);
    if (manager === 'pdm') out.dependencies.push(...(pyproject.pdm?.groups ?? []));
    if (manager === 'uv') out.dependencies.push(...(pyproject.uv?.groups ?? []));
    for (const { files, source } of pyproject.dynamicDependencyFiles) {
      for (const f of files) {
        if (!(await isFile(path.join(root, f)))) {
          out.warnings.push({ message: `${f} (dynamic dependencies) does not exist`, source });
          continue;
        }
        const r = await read(f);
        out.dependencies.push(...r.dependencies);
        out.files.push(...r.files);
        out.warnings.push(...r.warnings);
      }
    }
    if (manager === 'uv' && found.uvLock) locks = await lockFile('uv.lock', 'uv-lock');
    if (manager === 'poetry' && found.poetryLock) locks = await lockFile('poetry.lock', 'poetry-lock');
    if (manager === 'pdm' && found.pdmLock) locks = await lockFile('pdm.lock', 'pdm-lock');
  }
  const ws = pyproject?.build.workspace;
  if (ws) {
    const members = await workspaceMembers(root, ws, out.warnings);
    out.dependencies = followWorkspace(out.dependencies, members, ws.source, out.warnings);
  }
  if (locks) {
    for (const d of out.dependencies) {
      const l = locks.get(d.name);
      if (l) d.locked = l;
    }
  }
  out.dependencies = out.dependencies.map((d) => resolveLocalPath(root, d, out.warnings));
  out.warnings.push(...conflictingPins(out.dependencies), ...lockDisagreements(out.dependencies));
  return out;
}

/** Local paths become root-relative (PDM writes `file:///${PROJECT_ROOT}/libs/x`). */
function resolveLocalPath(root: string, d: Dependency, warnings: Warnings): Dependency {
  if (d.localPath === undefined) return d;
  const raw = d.localPath.replace(/^\/?\$\{PROJECT_ROOT\}\/?/, '') || '.';
  const rel = displayPath(root, path.resolve(root, raw));
  if (path.isAbsolute(rel) && !warnings.some((w) => w.message.startsWith(rel))) {
    warnings.push({
      message: `${rel} is outside the project; a Docker build context cannot include it`,
      source: d.source,
    });
  }
  return { ...d, localPath: rel };
}
