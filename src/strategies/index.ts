import type { Verdict } from '../analysis/types.js';
import { runtimeDependencies } from '../project/groups.js';
import type { Project } from '../project/types.js';
import { alpine } from './alpine.js';
import { closure } from './closure.js';
import { distroless } from './distroless.js';
import { full } from './full.js';
import { multistageAlpine } from './multistage-alpine.js';
import { multistageUser } from './multistage-user.js';
import { multistageVenv } from './multistage-venv.js';
import { multistageWheels } from './multistage-wheels.js';
import { indexArg } from './render/install-plan.js';
import { slim } from './slim.js';
import {
  type BaseImage,
  BYTECODE_POLICIES,
  type BytecodePolicy,
  type Candidate,
  type NamedIndex,
  type Options,
  type PlanInput,
  type Role,
  type Strategy,
  type StrategyId,
} from './types.js';

export {
  CATALOG,
  DISTROLESS_PYTHON,
  type ImageOverride,
  isRole,
  PYTHON_LINES,
  parseImageFlag,
  pythonLine,
  pythonLineNote,
  ROLES,
  resolveImages,
  shippedPython,
} from './catalog.js';
export { imagesFromPyprojectTable, type PyprojectSettings } from './pyproject-settings.js';
export { type Recommendation, recommend } from './recommend.js';
export { buildArgs, buildSecrets } from './render/pip-install.js';
export { RUNTIME_TEST_PACKAGES } from './render/trim.js';

/** Every strategy, in the order of the catalog (DESIGN.md). */
export const STRATEGIES: readonly Strategy[] = [
  full,
  slim,
  alpine,
  multistageVenv,
  multistageWheels,
  multistageUser,
  multistageAlpine,
  distroless,
  closure,
];

/** One strategy's candidate again, for changed options (a repair, recorded start-up imports). */
export function planStrategy(id: StrategyId, input: PlanInput): Candidate | undefined {
  return STRATEGIES.find((s) => s.id === id)?.plan(input);
}

/**
 * For bytecode 'imports': re-plans a candidate's strategy with the modules its smoke test recorded
 * (the race's `withImports`); undefined when the candidate's options compile nothing more.
 */
export function replanWithImports(
  inputOf: (id: StrategyId) => PlanInput | undefined,
): (c: Candidate, modules: string[]) => Candidate | undefined {
  return (c, modules) => {
    const input = inputOf(c.id);
    if (input?.options.bytecode !== 'imports') return undefined;
    return planStrategy(c.id, { ...input, options: { ...input.options, startupImports: modules } });
  };
}

/** One candidate per strategy, applicable or not (the reason says why not). */
export function planCandidates(input: PlanInput): Candidate[] {
  return STRATEGIES.map((s) => s.plan(input));
}

/** The named indexes the production packages are pinned to, each with its build arg. */
function namedIndexes(project: Project): { namedIndexes?: NamedIndex[] } {
  const used = new Set([
    // map and filter, not flatMap: no array made for each of 100,000 dependencies.
    ...runtimeDependencies(project)
      .map((d) => d.index)
      .filter((i): i is string => !!i),
    ...(project.lock?.packages ?? []).flatMap((p) =>
      p.node.origin.kind === 'index' && p.node.origin.index ? [p.node.origin.index] : [],
    ),
  ]);
  const list = (project.index.named ?? [])
    .filter((n) => used.has(n.name) || used.has(n.url))
    .map((n) => ({ name: n.name, url: n.url, arg: indexArg(n.name) }));
  return list.length ? { namedIndexes: list } : {};
}

/**
 * Answers before the user gives any: the project's Python, entry and index, a non-root user,
 * bytecode for what start-up imports (small and fast to start; the race records the list),
 * trimming on (the smoke test checks it), no cache mounts (they need BuildKit).
 * The verdicts' system packages are not copied in: the strategies add them; these are the user's extras.
 */
export function defaultOptions(
  project: Project,
  _verdicts: Verdict[],
  images: Record<Role, BaseImage>,
): Options {
  return {
    python: project.python.version,
    entry: project.entry?.argv,
    ...(project.entry?.port ? { port: project.entry.port } : {}),
    images,
    ...(project.index.indexUrl ? { indexUrl: project.index.indexUrl.value } : {}),
    extraIndexUrls: project.index.extraIndexUrls.map((u) => u.value),
    ...namedIndexes(project),
    buildPackages: { apt: [], apk: [] },
    runtimePackages: { apt: [], apk: [] },
    nonRoot: true,
    bytecode: BYTECODE_POLICIES[0] as BytecodePolicy,
    trim: true,
    cacheMounts: false,
  };
}
