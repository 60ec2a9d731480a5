import { type Source, UserError } from '../errors.js';
import type { Dependency, DependencyGroup, Project } from './types.js';

/** Words that name a production set: such a group is installed. */
const PRODUCTION = new Set([
  'prod',
  'production',
  'deploy',
  'deployment',
  'server',
  'serve',
  'runtime',
  'web',
  'release',
  'live',
  'main',
  'default',
]);
/** Words that name development tooling: such a group never reaches the image. */
const DEVELOPMENT = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'linting',
  'linters',
  'typing',
  'types',
  'type',
  'mypy',
  'doc',
  'docs',
  'documentation',
  'ci',
  'debug',
  'bench',
  'benchmark',
  'benchmarks',
  'coverage',
  'cov',
  'qa',
  'check',
  'checks',
  'format',
  'fmt',
  'style',
  'pre-commit',
  'precommit',
  'tox',
  'nox',
  'notebook',
  'notebooks',
  'jupyter',
  'local',
  'profiling',
  'stubs',
  'examples',
  'security',
  'audit',
  'tools',
  'e2e',
  'integration',
  'unit',
  'fixtures',
]);

const words = (name: string) =>
  name
    .toLowerCase()
    .split(/[-_.]+/)
    .filter(Boolean);

export interface GroupChoice {
  /** `--group NAME`: installed whatever its name. */
  include: string[];
  /** `--no-group NAME`: left out whatever its name. */
  exclude: string[];
  /** Of `include`/`exclude`, the names the user flipped in the wizard (the reason says so). */
  toggled?: string[];
  /** uv's `default-groups`, which `uv sync` installs. */
  defaultGroups?: { names: string[]; source: Source };
}

/**
 * Every group and extra of the project with whether the production image installs it and why:
 * the flags first, then uv's default-groups, then the name (production words in, development
 * words out), and what remains is opt-in (an extra a user asks for, a group of its own).
 */
export function classifyGroups(deps: Dependency[], choice: GroupChoice): DependencyGroup[] {
  const seen = new Map<string, Dependency>();
  for (const d of deps) if (d.group !== undefined && !seen.has(d.group)) seen.set(d.group, d);
  for (const flag of [...choice.include, ...choice.exclude]) {
    if (!seen.has(flag)) {
      const known = [...seen.keys()];
      throw new UserError(
        `--group/--no-group ${flag}: the project has no group or extra of that name`,
        known.length
          ? `its groups and extras: ${known.join(', ')}`
          : 'it declares no dependency groups or extras',
      );
    }
  }
  return [...seen.entries()].map(([name, first]) => {
    const kind = first.groupKind ?? 'group';
    const group = (included: boolean, reason: string, byDefault = true): DependencyGroup => ({
      name,
      kind,
      included,
      reason,
      byDefault,
      source: first.source,
    });
    const w = words(name);
    const toggled = choice.toggled?.includes(name);
    if (choice.include.includes(name))
      return group(
        true,
        toggled ? `you ticked it (--group ${name} does the same)` : 'asked for with --group',
        false,
      );
    if (choice.exclude.includes(name))
      return group(
        false,
        toggled ? `you left it out (--no-group ${name} does the same)` : 'left out with --no-group',
        false,
      );
    const dev = w.some((x) => DEVELOPMENT.has(x));
    if (!dev && choice.defaultGroups?.names.includes(name))
      return group(true, "in uv's default-groups, which uv sync installs");
    if (!dev && w.some((x) => PRODUCTION.has(x))) return group(true, 'its name says it is for production');
    if (dev) return group(false, 'development tooling: not in the production image');
    return kind === 'extra'
      ? group(false, 'an optional extra: installed only when asked for')
      : group(false, 'not named for production: left out');
  });
}

/** What the production image installs: main dependencies and the groups classified in. */
export function runtimeDependencies(
  project: Pick<Project, 'dependencies' | 'groups'>,
): readonly Dependency[] {
  const included = new Set(project.groups.filter((g) => g.included).map((g) => g.name));
  const installed = (d: Dependency) => d.group === undefined || included.has(d.group);
  // Usually every one is: then the list itself, not a copy (of 100,000 in a big requirements file).
  return project.dependencies.every(installed)
    ? project.dependencies
    : project.dependencies.filter(installed);
}

/** Tools of development and testing: a requirements file made of them is a dev set. */
const DEV_TOOLS =
  /^(pytest(-.+)?|mypy|ruff|black|flake8(-.+)?|isort|pylint|coverage|tox|nox|pre-commit|sphinx(-.+)?|ipython|ipdb|pdbpp|bandit|hypothesis|faker|factory-boy|freezegun|responses|mock|pyright|types-.+|django-debug-toolbar|django-stubs|pytest-django|mkdocs(-.+)?|twine|build|pip-tools|bumpversion|bump2version|autopep8|yapf|pyflakes|pycodestyle|pydocstyle|codespell|vulture|safety|locust|nose2?|watchdog|debugpy)$/;

export function devTools(deps: Dependency[]): string[] {
  return deps.filter((d) => DEV_TOOLS.test(d.name)).map((d) => d.name);
}

/** A dev set: at least two of its direct dependencies, and half of them, are dev/test tools. */
export function looksLikeDevSet(deps: Dependency[]): boolean {
  const tools = devTools(deps).length;
  return tools >= 2 && tools * 2 >= deps.length;
}
