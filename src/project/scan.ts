import path from 'node:path';
import { type Source, UserError } from '../errors.js';
import { collectDependencies } from './collect.js';
import { classifyGroups, runtimeDependencies } from './groups.js';
import { lockedInstall } from './lock/index.js';
import { chooseManager } from './manager.js';
import { normalizeName } from './normalize.js';
import { type PipfileInfo, parsePipfile } from './pipfile.js';
import { findFiles, LOOKED_FOR } from './project-files.js';
import { type PyprojectInfo, parsePyproject } from './pyproject.js';
import { choosePython } from './python-choice.js';
import { isDirectory, readText } from './read-text.js';
import { requirementsReader } from './requirements.js';
import { chooseRequirements } from './requirements-choice.js';
import { scanApp } from './scan-app.js';
import { checkProjectText } from './text-checks.js';
import type { DependencyGroup, Manager, Project, ProjectFile } from './types.js';

export interface ScanOptions {
  /** `--python X.Y`: overrides every declared version. */
  python?: string;
  /** `--group NAME`: groups and extras installed whatever their name. */
  groups?: string[];
  /** `--no-group NAME`: groups and extras left out whatever their name. */
  noGroups?: string[];
  /** Of groups/noGroups, the names the user flipped in the wizard. */
  toggled?: string[];
  /** `--requirements FILE`: the requirements file to install. */
  requirements?: string;
}

/**
 * Reads a Python project directory into a Project. Throws UserError (with file:line and a
 * hint) for anything the user must fix; never reads files larger than 5 MB.
 */
export async function scanProject(rootArg: string, opts: ScanOptions = {}): Promise<Project> {
  const root = path.resolve(rootArg);
  if (!(await isDirectory(root))) {
    throw new UserError(
      `${rootArg} is not a directory`,
      'run slim-py inside your project, or pass its folder',
    );
  }
  const found = await findFiles(root);
  const warnings: { message: string; source?: Source }[] = [];
  const files: ProjectFile[] = [];
  const read = (rel: string) => readText(root, path.join(root, rel));
  const readRequirementsFile = requirementsReader(root);

  let pyproject: PyprojectInfo | undefined;
  if (found.pyproject) {
    pyproject = parsePyproject(await read('pyproject.toml'), 'pyproject.toml');
    files.push({ path: 'pyproject.toml', kind: 'pyproject' });
    warnings.push(...pyproject.warnings);
  }
  let pipfile: PipfileInfo | undefined;
  if (found.pipfile) {
    pipfile = parsePipfile(await read('Pipfile'), 'Pipfile');
    files.push({ path: 'Pipfile', kind: 'pipfile' });
  }

  const choice = chooseManager({
    uvLock: found.uvLock,
    poetryLock: found.poetryLock,
    pdmLock: found.pdmLock,
    pipfile: found.pipfile,
    ...(found.requirements ? { requirements: found.requirements } : {}),
    ...(pyproject
      ? {
          pyproject: {
            pep621Declared: pyproject.name !== undefined || pyproject.pep621 !== undefined,
            pep621Count: pyproject.pep621?.length ?? 0,
            poetry: pyproject.poetry !== undefined,
            poetryDeps: pyproject.poetry?.dependencies.length ?? 0,
            pdm: pyproject.pdm !== undefined,
          },
        }
      : {}),
    pythonCode: found.pythonCode || found.setupPy,
  });
  if (!choice) {
    throw new UserError(
      `${rootArg} does not look like a Python project`,
      `run slim-py in a folder with ${LOOKED_FOR}`,
      { file: '.' },
    );
  }
  for (const message of choice.ignored) warnings.push({ message });
  if (choice.manager === 'pip' && (found.requirements || opts.requirements)) {
    // A dev/test set is not what production installs: a production file next to it is.
    const chosen = await chooseRequirements(
      root,
      found.requirements,
      found.otherRequirements,
      opts.requirements,
      warnings,
      readRequirementsFile,
    );
    if (chosen) found.requirements = chosen;
    found.otherRequirements = found.otherRequirements.filter((r) => r !== chosen);
  } else if (opts.requirements) {
    warnings.push({
      message: `--requirements ${opts.requirements} is not used: ${choice.why} says what gets installed`,
    });
  }
  if (choice.why === 'no dependency list found') {
    warnings.push({
      message: found.setupPy
        ? 'dependencies in setup.py are not read; the image installs them with `pip install .`'
        : 'no dependency file found (requirements.txt, pyproject.toml, Pipfile): only the standard library is available',
    });
  }

  const collected = await collectDependencies(
    root,
    choice.manager,
    found,
    pyproject,
    pipfile,
    readRequirementsFile,
  );
  files.push(...collected.files);
  warnings.push(...collected.warnings);
  const unread = found.otherRequirements.filter((r) => !files.some((f) => f.path === r));
  if (unread.length > 0 && choice.manager === 'pip') {
    warnings.push({
      message: `not read (not included by ${found.requirements ?? 'requirements.txt'}): ${unread.join(', ')}`,
    });
  }

  const python = await choosePython(
    {
      root,
      ...(opts.python !== undefined ? { flag: opts.python } : {}),
      pythonVersionFile: found.pythonVersion,
      runtimeTxt: found.runtimeTxt,
      ...(pipfile?.python ? { pipfilePython: pipfile.python } : {}),
      ...(pyproject?.requiresPython ? { requiresPython: pyproject.requiresPython } : {}),
      ...(pyproject?.poetry?.python ? { poetryPython: pyproject.poetry.python } : {}),
    },
    warnings,
  );
  if (found.pythonVersion) files.push({ path: '.python-version', kind: 'python-version' });
  if (found.runtimeTxt) files.push({ path: 'runtime.txt', kind: 'runtime-txt' });

  const groups = classifyGroups(collected.dependencies, {
    include: opts.groups ?? [],
    exclude: opts.noGroups ?? [],
    ...(opts.toggled ? { toggled: opts.toggled } : {}),
    ...(choice.manager === 'uv' && pyproject?.uv?.defaultGroups
      ? { defaultGroups: pyproject.uv.defaultGroups }
      : {}),
  });
  const runtime = runtimeDependencies({ dependencies: collected.dependencies, groups });
  const lock = collected.lock
    ? lockedInstall(collected.lock, runtime, lockSections(choice.manager, groups), python.version)
    : undefined;
  if (lock?.missing.length)
    warnings.push({
      message: `${lock.file} does not pin ${lock.missing.map((m) => `${m.name} (needed by ${m.neededBy})`).join(', ')}: pip resolves ${lock.missing.length === 1 ? 'it' : 'them'}, so the install is not fully locked`,
      source: { file: lock.file },
    });
  const name = normalizeName(pyproject?.name?.value ?? path.basename(root));
  const app = await scanApp({ root, found, pyproject, runtime, name, warnings });
  if (found.procfile) files.push({ path: 'Procfile', kind: 'procfile' });
  if (found.dockerfile) files.push({ path: 'Dockerfile', kind: 'dockerfile' });
  if (found.dockerignore) files.push({ path: '.dockerignore', kind: 'dockerignore' });

  const localPaths = [
    // map and filter, not flatMap: no array made for each of 100,000 dependencies.
    ...runtime.map((d) => d.localPath).filter((p): p is string => p !== undefined && !path.isAbsolute(p)),
    ...collected.index.findLinks.flatMap((f) =>
      /^[a-z][a-z0-9+.-]*:/i.test(f.value) || path.isAbsolute(f.value) ? [] : [f.value],
    ),
  ];
  if (runtime.some((d) => d.vcsUrl)) {
    warnings.push({
      message: 'VCS dependencies need git in the build stage',
      source: runtime.find((d) => d.vcsUrl)?.source,
    });
  }

  return checkProjectText({
    root,
    name,
    manager: choice.manager,
    files,
    python,
    dependencies: collected.dependencies,
    index: collected.index,
    ...app,
    groups,
    ...(lock ? { lock } : {}),
    localPaths: [...new Set(localPaths)],
    warnings,
  });
}

/** Sections of Pipfile.lock / groups of pdm.lock the production image installs. */
function lockSections(manager: Manager, groups: DependencyGroup[]): string[] {
  const included = groups.filter((g) => g.included).map((g) => g.name);
  if (manager === 'pipenv') return ['default', ...(included.includes('dev') ? ['develop'] : [])];
  return ['default', ...included];
}
