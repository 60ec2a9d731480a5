import type { Engine } from '../docker/engine.js';
import { preflightError, preflightImages } from '../race/preflight.js';
import { STRATEGIES } from '../strategies/index.js';
import type { Candidate } from '../strategies/types.js';
import type { PlanResult } from './plan.js';

/**
 * Before the first build: every FROM image of the chosen candidates resolved once (a missing or
 * unreachable one stops here, one sentence per role); the candidates are planned again with the
 * digests found, so that what is raced, repaired and written pins them.
 */
export async function pinBases(
  engine: Engine,
  plan: PlanResult,
  candidates: Candidate[],
): Promise<{ plan: PlanResult; candidates: Candidate[] }> {
  const checked = await preflightImages(engine, plan.options.images, candidates);
  if (checked.problems.length) throw preflightError(checked.problems);
  if (!Object.values(checked.images).some((i) => i.digest)) return { plan, candidates };
  const options = { ...plan.options, images: checked.images };
  const input = { project: plan.project, verdicts: plan.verdicts, options };
  return {
    plan: { ...plan, options },
    candidates: candidates.map((c) => STRATEGIES.find((s) => s.id === c.id)?.plan(input) ?? c),
  };
}
