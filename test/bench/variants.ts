import { type PlanResult, replan } from '../../src/session/plan.js';
import type { BytecodePolicy, Candidate, StrategyId } from '../../src/strategies/types.js';

/**
 * What the bytecode policy buys: the same strategy re-planned with 'none' (no .pyc at all: the
 * smallest, every start compiles) and 'all' (pip compiles everything, compileall the app) next to
 * the default 'imports'. Ids get a '+none' / '+all' suffix.
 */
export function bytecodeVariants(plan: PlanResult, ids: StrategyId[]): Candidate[] {
  return (['none', 'all'] as BytecodePolicy[]).flatMap((bytecode) =>
    replan({ ...plan, options: { ...plan.options, bytecode } })
      .candidates.filter((c) => ids.includes(c.id) && c.applicable)
      .map((c) => ({ ...c, id: `${c.id}+${bytecode}` as unknown as StrategyId })),
  );
}
