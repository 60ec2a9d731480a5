import type { Verdict } from '../analysis/types.js';
import { splitCommand } from '../shell-words.js';
import { repositoryName } from '../strategies/render/escape.js';
import type { StrategyId } from '../strategies/types.js';
import { type PlanResult, replan } from './plan.js';

/** What the user answered (prefilled from the plan and the flags, then edited step by step). */
export interface Answers {
  /** "Do any dependencies compile native code?" */
  compiles: boolean;
  /** Debian package names (the strategies add the analysis' own on top; duplicates collapse). */
  buildPackages: string[];
  runtimePackages: string[];
  python: string;
  /** The entry command as typed; '' means none. */
  entry: string;
  /** Strategies to race. */
  strategies: StrategyId[];
}

/** Dependencies the analysis says compile on glibc (the images the wizard races are Debian-based). */
export function compilingOnGlibc(plan: PlanResult): Verdict[] {
  return plan.verdicts.filter((v) => v.glibc === 'compile');
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

/** Suggested strategies: the three most promising plus the `full` baseline the others are measured against. */
export function suggestedStrategies(plan: PlanResult, wanted?: string[]): StrategyId[] {
  const applicable = new Set(plan.candidates.filter((c) => c.applicable).map((c) => c.id));
  if (wanted)
    return plan.candidates.filter((c) => wanted.includes(c.id) && applicable.has(c.id)).map((c) => c.id);
  const picked = new Set<StrategyId>(plan.recommended.ids.filter((id) => id !== 'full').slice(0, 3));
  if (applicable.has('full')) picked.add('full');
  return plan.candidates.filter((c) => picked.has(c.id)).map((c) => c.id);
}

export function prefillAnswers(plan: PlanResult, wantedStrategies?: string[]): Answers {
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
    entry: plan.project.entry?.command ?? (plan.options.entry ?? []).join(' '),
    strategies: suggestedStrategies(plan, wantedStrategies),
  };
}

/**
 * The answers for a plan made again for another Python version: what the user typed stays, the
 * version is the new one, and the ticks are the new plan's suggestion, since applicability and the
 * recommendation changed with it (3.12 → 3.11 can make distroless and closure apply).
 */
export function answersForNewPlan(previous: Answers, plan: PlanResult, wanted?: string[]): Answers {
  return { ...previous, python: plan.options.python, strategies: suggestedStrategies(plan, wanted) };
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
  const entry = splitCommand(a.entry);
  const options = {
    ...base.options,
    entry: entry.length ? entry : undefined,
    buildPackages: { ...base.options.buildPackages, apt: a.compiles ? a.buildPackages : [] },
    runtimePackages: { ...base.options.runtimePackages, apt: a.runtimePackages },
  };
  return replan({ ...base, verdicts, options });
}

/** A name for `docker build -t`: the project's name, as a valid image reference. */
export function imageName(plan: PlanResult): string {
  return repositoryName(plan.project.name);
}
