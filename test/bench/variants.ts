import { type PlanResult, replan } from '../../src/session/plan.js';
import type { Candidate, StrategyId } from '../../src/strategies/types.js';

/**
 * The bytecode policy's cost: the same strategy re-planned with bytecode 'all' (compileall at
 * build time, no PYTHONDONTWRITEBYTECODE) next to the default 'none'. Ids get a '+all' suffix.
 */
export function compileVariants(plan: PlanResult, ids: StrategyId[]): Candidate[] {
  const compiled = replan({ ...plan, options: { ...plan.options, bytecode: 'all' } });
  return compiled.candidates
    .filter((c) => ids.includes(c.id) && c.applicable)
    .map((c) => ({ ...c, id: `${c.id}+all` as unknown as StrategyId }));
}
