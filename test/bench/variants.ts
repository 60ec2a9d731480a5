import { type PlanResult, replan } from '../../src/session/plan.js';
import type { Candidate, StrategyId } from '../../src/strategies/types.js';

/**
 * The bytecode policy's cost: the same strategy re-planned with bytecode 'compile' (compileall at
 * build time, no PYTHONDONTWRITEBYTECODE) next to the default 'none'. Ids get a '+compile' suffix.
 */
export function compileVariants(plan: PlanResult, ids: StrategyId[]): Candidate[] {
  const compiled = replan({ ...plan, options: { ...plan.options, bytecode: 'compile' } });
  return compiled.candidates
    .filter((c) => ids.includes(c.id) && c.applicable)
    .map((c) => ({ ...c, id: `${c.id}+compile` as unknown as StrategyId }));
}
