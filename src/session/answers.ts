import type { Verdict } from '../analysis/types.js';
import type { EntryCommand, Project } from '../project/types.js';
import { splitCommand } from '../shell-words.js';
import { repositoryName } from '../strategies/render/escape.js';
import type { StrategyId } from '../strategies/types.js';
import { type PlanResult, replan } from './plan.js';
import { type EngineTraits, unbuildable } from './select-candidates.js';

/** What the user answered (prefilled from the plan and the flags, then edited step by step). */
export interface Answers {
  /** "Do any dependencies compile native code?" */
  compiles: boolean;
  /** Debian package names (the strategies add the analysis' own on top; duplicates collapse). */
  buildPackages: string[];
  runtimePackages: string[];
  python: string;
  /** The entry command: one the scan found, picked from the list, or one typed. */
  entry: EntryAnswer;
  /** Strategies to race. */
  strategies: StrategyId[];
}

/**
 * A picked command carries what the scan knows about it (the folder it runs in, its port, the
 * files it names); a typed one is only its text ('' means none).
 */
export type EntryAnswer = { picked: EntryCommand } | { typed: string };

/** The command as it reads: what the step's field shows. */
export function entryText(a: EntryAnswer): string {
  return 'picked' in a ? a.picked.command : a.typed;
}

/**
 * The commands the step offers, best first: the scan's choice and its alternatives (the choice
 * is the first alternative; a plan made before alternatives were kept may lack them).
 */
export function entryOptions(project: Project): EntryCommand[] {
  const all = [...(project.entry ? [project.entry] : []), ...project.entryChoices];
  return all.filter((e, i) => all.findIndex((o) => o.command === e.command) === i);
}

/** Dependencies the analysis says compile on glibc (the images the wizard races are Debian-based). */
export function compilingOnGlibc(plan: PlanResult): Verdict[] {
  return plan.verdicts.filter((v) => v.glibc === 'compile');
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

/**
 * Suggested strategies: the three most promising plus the `full` baseline the others are measured
 * against; with the engine known, among those it can build.
 */
export function suggestedStrategies(
  plan: PlanResult,
  wanted?: string[],
  engine?: EngineTraits,
): StrategyId[] {
  const out = new Set(engine ? unbuildable(plan.candidates, engine).map((s) => s.id) : []);
  const applicable = new Set(plan.candidates.filter((c) => c.applicable && !out.has(c.id)).map((c) => c.id));
  if (wanted)
    return plan.candidates.filter((c) => wanted.includes(c.id) && applicable.has(c.id)).map((c) => c.id);
  const promising = plan.recommended.ids.filter((id) => id !== 'full' && !out.has(id));
  const picked = new Set<StrategyId>(promising.slice(0, 3));
  if (applicable.has('full')) picked.add('full');
  return plan.candidates.filter((c) => picked.has(c.id)).map((c) => c.id);
}

/**
 * The ticks once the engine answered: the suggestion for it when the user kept the suggestion,
 * else the user's ticks without what it cannot build.
 */
export function strategiesForEngine(
  ticked: StrategyId[],
  plan: PlanResult,
  engine: EngineTraits,
  wanted?: string[],
): StrategyId[] {
  if (ticked.join() === suggestedStrategies(plan, wanted).join())
    return suggestedStrategies(plan, wanted, engine);
  const out = unbuildable(plan.candidates, engine).map((s) => s.id);
  return ticked.filter((id) => !out.includes(id));
}

export function prefillAnswers(
  plan: PlanResult,
  wantedStrategies?: string[],
  engine?: EngineTraits,
): Answers {
  const compiling = compilingOnGlibc(plan);
  return {
    compiles: compiling.length > 0,
    buildPackages: unique([
      ...(compiling.length ? ['build-essential'] : []),
      ...compiling.flatMap((v) => v.buildPackages.apt),
      ...plan.options.buildPackages.apt,
    ]),
    runtimePackages: unique([
      ...plan.verdicts.flatMap((v) => v.runtimePackages.apt),
      ...plan.options.runtimePackages.apt,
    ]),
    python: plan.options.python,
    entry: plan.project.entry
      ? { picked: plan.project.entry }
      : { typed: (plan.options.entry ?? []).join(' ') },
    strategies: suggestedStrategies(plan, wantedStrategies, engine),
  };
}

/**
 * The answers for a plan made again for another Python version: what the user typed stays, the
 * version is the new one, and the ticks are the new plan's suggestion, since applicability and the
 * recommendation changed with it (3.12 → 3.11 can make distroless and closure apply).
 */
export function answersForNewPlan(
  previous: Answers,
  plan: PlanResult,
  wanted?: string[],
  engine?: EngineTraits,
): Answers {
  return { ...previous, python: plan.options.python, strategies: suggestedStrategies(plan, wanted, engine) };
}

/**
 * The answers for a plan made again with other groups, which can change what compiles, the
 * libraries, the entry (a server in a group) and the suggestion: each answer the user left as the
 * old plan prefilled it follows the new plan; one the user changed stays.
 */
export function answersForNewGroups(
  previous: Answers,
  before: PlanResult,
  plan: PlanResult,
  wanted?: string[],
  engine?: EngineTraits,
): Answers {
  const was = prefillAnswers(before, wanted, engine);
  const now = prefillAnswers(plan, wanted, engine);
  const kept = <K extends keyof Answers>(k: K): Answers[K] =>
    JSON.stringify(previous[k]) === JSON.stringify(was[k]) ? now[k] : previous[k];
  return {
    compiles: kept('compiles'),
    buildPackages: kept('buildPackages'),
    runtimePackages: kept('runtimePackages'),
    python: kept('python'),
    entry: kept('entry'),
    strategies: kept('strategies'),
  };
}

/**
 * The plan with the user's answers in: "nothing compiles" overrides the analysis (the user knows
 * their index has wheels; the race will tell), packages and entry go into the options.
 */
export function applyAnswers(base: PlanResult, a: Answers): PlanResult {
  const verdicts = a.compiles
    ? base.verdicts
    : base.verdicts.map((v) =>
        v.glibc === 'compile'
          ? { ...v, glibc: 'wheel' as const, reason: `${v.reason} (you said it does not compile)` }
          : v,
      );
  const { project, entry, port } = withEntry(base, a.entry);
  const { port: _scanned, ...rest } = base.options;
  const options = {
    ...rest,
    entry: entry.length ? entry : undefined,
    ...(port !== undefined ? { port } : {}),
    buildPackages: { ...base.options.buildPackages, apt: a.compiles ? a.buildPackages : [] },
    runtimePackages: { ...base.options.runtimePackages, apt: a.runtimePackages },
  };
  return replan({ ...base, project, verdicts, options });
}

/**
 * The project and options as the scan would have made them had it chosen this command: a picked
 * one (or a typed one that reads as one of the offered) becomes the project's entry, so its folder
 * (WORKDIR), port (ENV PORT, EXPOSE) and files (an installed project's COPY) follow it. Any other
 * typed command keeps the scan's folder, port and files: the user typed the argv only.
 */
function withEntry(base: PlanResult, a: EntryAnswer): { project: Project; entry: string[]; port?: number } {
  const text = entryText(a);
  const picked = 'picked' in a ? a.picked : entryOptions(base.project).find((e) => e.command === text);
  if (!picked) {
    const kept = base.options.port;
    return {
      project: base.project,
      entry: splitCommand(text),
      ...(kept !== undefined ? { port: kept } : {}),
    };
  }
  return {
    project: { ...base.project, entry: picked },
    entry: picked.argv,
    ...(picked.port !== undefined ? { port: picked.port } : {}),
  };
}

/** A name for `docker build -t`: the project's name, as a valid image reference. */
export function imageName(plan: PlanResult): string {
  return repositoryName(plan.project.name);
}
