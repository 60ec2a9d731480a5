import { rank } from '../report/leaderboard.js';
import type { Candidate, StrategyId } from '../strategies/types.js';
import type { RoundEvent } from './race-rounds.js';
import type { RaceOutcome, SessionEvent } from './types.js';

/**
 * Follows the rounds' events and turns their end into the outcome: the final candidates (a
 * repair's candidate replaces the first one; this is the one place that follows which was
 * repaired) and the ranking. What is written and reported is what passed.
 */
export function outcomeFold(raced: readonly Candidate[]): (e: RoundEvent) => SessionEvent {
  const current = new Map<StrategyId, Candidate>(raced.map((c) => [c.id, c]));
  let engine: RaceOutcome['engine'] = { builder: 'buildkit', host: '' };
  return (e) => {
    if (e.type === 'race-start') engine = { builder: e.engine.builder, host: e.engine.host };
    if (e.type === 'repair') current.set(e.id, e.candidate);
    if (e.type !== 'race-end') return e;
    return {
      type: 'race-end',
      results: e.results,
      candidates: [...current.values()],
      board: rank(e.results),
      cancelled: e.cancelled,
      ...(e.removed ? { removed: e.removed } : {}),
      engine,
    };
  };
}

export async function* withOutcome(
  events: AsyncIterable<RoundEvent>,
  raced: readonly Candidate[],
): AsyncGenerator<SessionEvent> {
  const fold = outcomeFold(raced);
  for await (const e of events) yield fold(e);
}
