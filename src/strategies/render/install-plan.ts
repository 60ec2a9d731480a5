import { formatFlags } from '../../project/format-control.js';
import { runtimeDependencies } from '../../project/groups.js';
import type { LockedInstall } from '../../project/lock/index.js';
import type { Dependency, Project } from '../../project/types.js';
import { shellWord } from './escape.js';
import { sortedUnique } from './lines.js';
import { LOCK_FILE, renderLock } from './lock-install.js';
import { isSshUrl } from './ssh.js';

/** How the project's dependencies get installed, independent of the strategy. */
export interface InstallPlan {
  /** Paths (relative to the root) to COPY before the dependency install, so that layer caches. */
  copyFirst: string[];
  /** The install needs the whole project (a `.` / `-e .` requirement): COPY . . comes first. */
  copyAllFirst: boolean;
  /** pip arguments naming what to install (already shell-quoted); empty: nothing to install. */
  args: string[];
  /** A second pip invocation in the same RUN (locked VCS commits and local folders: no hashes). */
  also?: string[];
  /** Files slim-py writes into the build context (and beside the written Dockerfile). */
  generated?: Record<string, string>;
  /** Why the install looks the way it does (comment lines above it). */
  note?: string[];
  /** Packages pinned to a named index: one pip each, with `--index-url` from its build arg. */
  indexed?: { name: string; arg: string; args: string[] }[];
  /**
   * The project itself, built into a wheel: after its dependencies (`no-deps`: they are in
   * `args`), or with them read from its own metadata (`with-deps`: setup.py only). Its source
   * tree never ships. 'none': not installable, or the requirements install it themselves.
   */
  self: 'none' | 'no-deps' | 'with-deps';
  /** --no-binary/--only-binary that pip would not read by itself (uv's settings), for every pip. */
  formatFlags?: string[];
  /** A VCS requirement: the builder needs git. */
  needsGit: boolean;
  /** A VCS requirement over ssh: an ssh client, the agent and known hosts in the install RUN (ssh.ts). */
  needsSsh: boolean;
  /** Normalised names of what gets installed (main dependencies, not optional groups). */
  names: Set<string>;
  /** For the Dockerfile comment: where the list comes from. */
  from: string;
}

/** The requirements file pip starts from: the one the scan read first (its includes follow it). */
export function mainRequirementsFile(project: Project): string | undefined {
  return project.files.find((f) => f.kind === 'requirements')?.path;
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

/** The build arg carrying a named index's URL. */
export function indexArg(name: string): string {
  return `INDEX_URL_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** The named index a dependency or a locked package is pinned to (by name, or by URL in uv.lock). */
function namedIndexOf(project: Project, key: string | undefined) {
  return key === undefined ? undefined : project.index.named?.find((n) => n.name === key || n.url === key);
}

const EXPORT: Partial<Record<Project['manager'], string>> = {
  uv: 'uv export --frozen --no-dev lists the same',
  poetry: 'poetry export --only main lists the same',
  pipenv: 'pipenv requirements --hash lists the same',
  pdm: 'pdm export --prod lists the same',
};

/** A lock file's whole production set, pinned, into LOCK_FILE; what has no hash after it. */
function lockPlan(project: Project, lock: LockedInstall, manifest: string): InstallPlan {
  const indexOf = (p: LockedInstall['packages'][number]) =>
    p.node.origin.kind === 'index' ? namedIndexOf(project, p.node.origin.index) : undefined;
  const pinned = lock.packages.filter((p) => indexOf(p));
  const r = renderLock(
    { ...lock, packages: lock.packages.filter((p) => !indexOf(p)) },
    EXPORT[project.manager] ?? lock.file,
  );
  const generated: Record<string, string> = r.args.length ? { [LOCK_FILE]: r.text } : {};
  const indexed = [...new Set(pinned.map((p) => indexOf(p)!))].map((n) => {
    const file = LOCK_FILE.replace(/\.txt$/, `.${n.name.replace(/[^A-Za-z0-9_-]+/g, '-')}.txt`);
    const part = renderLock(
      { ...lock, packages: pinned.filter((p) => indexOf(p) === n) },
      EXPORT[project.manager] ?? lock.file,
    );
    generated[file] = part.text;
    return { name: n.name, arg: indexArg(n.name), args: part.args.map((a) => a.replace(LOCK_FILE, file)) };
  });
  const dirs = lock.packages.flatMap((p) => (p.node.origin.kind === 'path' ? [p.node.origin.path] : []));
  return {
    copyFirst: [...Object.keys(generated), ...sortedUnique(dirs).filter((d) => !isOutside(d))],
    copyAllFirst: false,
    args: r.args,
    ...(r.also.length ? { also: r.also } : {}),
    ...(indexed.length ? { indexed } : {}),
    self: project.installable ? 'no-deps' : 'none',
    needsGit: lock.packages.some((p) => p.node.origin.kind === 'vcs'),
    needsSsh: lock.packages.some((p) => p.node.origin.kind === 'vcs' && isSshUrl(p.node.origin.url)),
    names: new Set(lock.packages.map((p) => p.node.name)),
    from: `${manifest}, every package ${lock.file} pins for production (${lock.packages.length}${r.hashed ? ', with hashes' : ''}${r.complete ? '' : '; not all of them pinned'})`,
    ...(Object.keys(generated).length ? { generated } : {}),
    note: [
      `${LOCK_FILE} holds every package ${lock.file} pins for production, transitive ones included${r.hashed ? ', with their hashes' : ''}:`,
      r.complete
        ? 'pip installs exactly those (--no-deps), nothing it resolves by itself.'
        : `${lock.file} does not pin everything, so pip resolves the rest.`,
      ...(r.also.length
        ? ['VCS checkouts (at the locked commit) and local folders cannot be hash-checked: a second pip.']
        : []),
    ],
  };
}

export function installPlan(project: Project): InstallPlan {
  const plan = dependencyInstall(project);
  const flags = formatFlags(project.index.formats).map((f) => shellWord(f, 'the format option'));
  return flags.length ? { ...plan, formatFlags: flags } : plan;
}

function dependencyInstall(project: Project): InstallPlan {
  const manifestFile = project.files.find((f) => f.kind === 'pyproject' || f.kind === 'pipfile')?.path;
  if (project.lock && project.manager !== 'pip')
    return lockPlan(project, project.lock, manifestFile ?? 'the project');
  const main = runtimeDependencies(project);
  const names = new Set(main.map((d) => d.name));
  const needsGit = main.some((d) => d.vcsUrl !== undefined);
  const needsSsh = main.some((d) => d.vcsUrl !== undefined && isSshUrl(d.vcsUrl));
  const locals = sortedUnique([
    ...project.localPaths,
    // map and filter, not flatMap: no array made for each of 100,000 dependencies.
    ...main.map((d) => d.localPath).filter((p) => p !== undefined),
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
      needsSsh,
      names,
      from: reqFile,
    };
  }
  const manifest = manifestFile ?? 'the project';
  const lock = project.dependencies.some((d) => d.locked) ? ' (pinned to the lock file)' : '';
  if (main.length > 0) {
    // A package pinned to a named index comes from that index only, in a pip of its own.
    const pinned = main.filter((d) => namedIndexOf(project, d.index));
    const byIndex = [...new Set(pinned.map((d) => namedIndexOf(project, d.index)!))];
    return {
      copyFirst: copyAllFirst ? [] : localDirs,
      copyAllFirst,
      args: main.filter((d) => !pinned.includes(d)).flatMap(requirementArgs),
      ...(byIndex.length
        ? {
            indexed: byIndex.map((n) => ({
              name: n.name,
              arg: indexArg(n.name),
              args: pinned.filter((d) => namedIndexOf(project, d.index) === n).flatMap(requirementArgs),
            })),
          }
        : {}),
      self: project.installable && !copyAllFirst ? 'no-deps' : 'none',
      needsGit,
      needsSsh,
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
    needsSsh,
    names,
    from: project.installable ? manifest : 'no dependencies',
  };
}
