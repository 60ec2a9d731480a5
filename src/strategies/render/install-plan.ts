import type { Dependency, Project } from '../../project/types.js';
import { shellWord } from './escape.js';
import { sortedUnique } from './lines.js';

/** How the project's dependencies get installed, independent of the strategy. */
export interface InstallPlan {
  /** Paths (relative to the root) to COPY before the dependency install, so that layer caches. */
  copyFirst: string[];
  /** The install needs the whole project (a `.` / `-e .` requirement): COPY . . comes first. */
  copyAllFirst: boolean;
  /** pip arguments naming what to install (already shell-quoted); empty: nothing to install. */
  args: string[];
  /**
   * The project itself, built into a wheel: after its dependencies (`no-deps`: they are in
   * `args`), or with them read from its own metadata (`with-deps`: setup.py only). Its source
   * tree never ships. 'none': not installable, or the requirements install it themselves.
   */
  self: 'none' | 'no-deps' | 'with-deps';
  /** A VCS requirement: the builder needs git. */
  needsGit: boolean;
  /** Normalised names of what gets installed (main dependencies, not optional groups). */
  names: Set<string>;
  /** For the Dockerfile comment: where the list comes from. */
  from: string;
}

const DEV_FILE = /(^|[/_.-])(dev|test|tests|testing|doc|docs|lint|ci)([/_.-]|$)/i;

/** The requirements file pip starts from: requirements.txt at the root, else the first non-dev one. */
export function mainRequirementsFile(project: Project): string | undefined {
  const reqs = project.files.filter((f) => f.kind === 'requirements').map((f) => f.path);
  if (reqs.includes('requirements.txt')) return 'requirements.txt';
  return reqs.filter((p) => !DEV_FILE.test(p)).sort()[0] ?? reqs.sort()[0];
}

function isOutside(p: string): boolean {
  return p.startsWith('/') || p.startsWith('..');
}

function pathArg(p: string): string {
  return p.startsWith('.') || p.startsWith('/') ? p : `./${p}`;
}

/** One dependency as a pip argument list, pinned to the lock when there is one. */
export function requirementArgs(d: Dependency): string[] {
  if (d.localPath !== undefined) {
    const arg = shellWord(pathArg(d.localPath), 'the local path');
    return d.editable ? ['-e', arg] : [arg];
  }
  const extras = d.extras.length ? `[${d.extras.join(',')}]` : '';
  const marker = d.marker ? ` ; ${d.marker}` : '';
  if (d.vcsUrl) return [shellWord(`${d.name}${extras} @ ${d.vcsUrl}${marker}`, 'the requirement')];
  if (d.url) return [shellWord(`${d.name}${extras} @ ${d.url}${marker}`, 'the requirement')];
  const pin = d.locked ? `==${d.locked.version}` : d.specifier;
  return [shellWord(`${d.name}${extras}${pin}${marker}`, 'the requirement')];
}

export function installPlan(project: Project): InstallPlan {
  const main = project.dependencies.filter((d) => d.group === undefined);
  const names = new Set(main.map((d) => d.name));
  const needsGit = main.some((d) => d.vcsUrl !== undefined);
  const locals = sortedUnique([
    ...project.localPaths,
    ...main.flatMap((d) => (d.localPath === undefined ? [] : [d.localPath])),
    ...project.index.findLinks.map((f) => f.value).filter((v) => !/^[a-z][a-z0-9+.-]*:/i.test(v)),
  ]).filter((p) => !isOutside(p));
  const copyAllFirst = locals.includes('.') || locals.includes('');
  const localDirs = locals.filter((p) => p !== '.' && p !== '');
  const reqFile = project.manager === 'pip' ? mainRequirementsFile(project) : undefined;

  if (reqFile) {
    // Every requirements/constraints file: -r / -c includes must resolve inside the image too.
    const listed = project.files.filter((f) => f.kind === 'requirements' || f.kind === 'constraints');
    const files = sortedUnique(listed.map((f) => f.path).filter((p) => !isOutside(p)));
    return {
      copyFirst: copyAllFirst ? [] : [...files, ...localDirs],
      copyAllFirst,
      args: ['-r', shellWord(reqFile, 'the requirements path')],
      self: project.installable && !copyAllFirst ? 'no-deps' : 'none',
      needsGit,
      names,
      from: reqFile,
    };
  }
  const manifest =
    project.files.find((f) => f.kind === 'pyproject' || f.kind === 'pipfile')?.path ?? 'the project';
  const lock = project.dependencies.some((d) => d.locked) ? ' (pinned to the lock file)' : '';
  if (main.length > 0) {
    return {
      copyFirst: copyAllFirst ? [] : localDirs,
      copyAllFirst,
      args: main.flatMap(requirementArgs),
      self: project.installable && !copyAllFirst ? 'no-deps' : 'none',
      needsGit,
      names,
      from: `${manifest}${lock}`,
    };
  }
  return {
    copyFirst: [],
    copyAllFirst: false,
    args: [],
    // Nothing listed up front (e.g. setup.py only): pip reads the metadata from the project itself.
    self: project.installable ? 'with-deps' : 'none',
    needsGit,
    names,
    from: project.installable ? manifest : 'no dependencies',
  };
}
