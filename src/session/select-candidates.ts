import type { EngineInfo } from '../docker/engine.js';
import { UserError } from '../errors.js';
import { fitEngine } from '../race/engine-fit.js';
import { STRATEGIES } from '../strategies/index.js';
import type { Candidate, StrategyId } from '../strategies/types.js';

export interface Selection {
  candidates: Candidate[];
  /** Asked for (or planned) but not raced, with why. */
  skipped: { id: StrategyId; reason: string }[];
  /** What the engine does differently, said before the race (see race/engine-fit.ts). */
  note?: string;
}

/** What of the engine decides which candidates it builds. */
export type EngineTraits = Pick<EngineInfo, 'kind' | 'builder' | 'serverVersion'>;

const IDS = STRATEGIES.map((s) => s.id) as string[];

/** `--strategies a,b`: every id must name a strategy. The wizard checks before it starts. */
export function checkStrategyIds(wanted: readonly string[] | undefined): void {
  for (const id of wanted ?? []) {
    if (!IDS.includes(id)) {
      throw new UserError(
        `--strategies: unknown strategy ${JSON.stringify(id)}`,
        `choose from ${IDS.join(', ')}`,
      );
    }
  }
}

/**
 * The candidates to race: the ones asked for (`--strategies`), else every applicable one; with the
 * engine known, not those it cannot build.
 */
export function selectCandidates(
  all: Candidate[],
  wanted?: readonly string[],
  engine?: EngineTraits,
): Selection {
  checkStrategyIds(wanted);
  const asked = wanted ? all.filter((c) => wanted.includes(c.id)) : all;
  const applicable = asked.filter((c) => c.applicable);
  const fit = engine ? fitEngine(applicable, engine) : { candidates: applicable, skipped: [] };
  const { candidates } = fit;
  const skipped = [
    ...asked.filter((c) => !c.applicable).map((c) => ({ id: c.id, reason: c.reason })),
    ...fit.skipped,
  ];
  if (candidates.length === 0) {
    throw new UserError(
      'no applicable strategy to race',
      skipped.length
        ? `each was ruled out: ${skipped.map((s) => `${s.id}: ${s.reason}`).join('; ')}`
        : 'drop --strategies or name applicable ones (slim-py plan lists them)',
    );
  }
  return fit.note ? { candidates, skipped, note: fit.note } : { candidates, skipped };
}

/**
 * The applicable candidates this engine cannot build, with why: what selectCandidates leaves out,
 * known as soon as the engine answered (the strategies step shows them unticked).
 */
export function unbuildable(all: Candidate[], engine: EngineTraits): Selection['skipped'] {
  return fitEngine(
    all.filter((c) => c.applicable),
    engine,
  ).skipped;
}

/** What a selection says before the race, in the words `race` prints and the wizard shows. */
export function selectionNotes(sel: Selection): string[] {
  return [
    ...(sel.note ? [`note: ${sel.note}`] : []),
    ...sel.skipped.map((s) => `skipped ${s.id}: ${s.reason}`),
  ];
}
