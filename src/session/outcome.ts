import { finalCandidate } from '../race/types.js';
import { rank } from '../report/leaderboard.js';
import type { Prefer } from '../report/winner-rule.js';
import type { Candidate, StrategyId } from '../strategies/types.js';
import type { RoundEvent } from './race-rounds.js';
import type { RaceOutcome, SessionEvent } from './types.js';

/**
 * Follows the rounds' events and turns their end into the outcome: the final candidates (a
 * repair's candidate replaces the first one; this is the one place that follows which was
 * repaired; then the race's own final Dockerfile, with bytecode for the recorded imports) and the
 * ranking under `prefer`. What is written and reported is what passed and was measured.
 */
export function outcomeFold(raced: readonly Candidate[], prefer?: Prefer): (e: RoundEvent) => SessionEvent {
  const current = new Map<StrategyId, Candidate>(raced.map((c) => [c.id, c]));
  let engine: RaceOutcome['engine'] = { builder: 'buildkit', host: '' };
  return (e) => {
    if (e.type === 'race-start') engine = { builder: e.engine.builder, host: e.engine.host };
    if (e.type === 'repair') current.set(e.id, e.candidate);
    if (e.type !== 'race-end') return e;
    return {
      type: 'race-end',
      results: e.results,
      candidates: [...current.values()].map((c) =>
        finalCandidate(
          c,
          e.results.find((r) => r.id === c.id),
        ),
      ),
      board: rank(e.results, prefer),
      cancelled: e.cancelled,
      ...(e.removed ? { removed: e.removed } : {}),
      engine,
    };
  };
}

export async function* withOutcome(
  events: AsyncIterable<RoundEvent>,
  raced: readonly Candidate[],
  prefer?: Prefer,
): AsyncGenerator<SessionEvent> {
  const fold = outcomeFold(raced, prefer);
  for await (const e of events) yield fold(e);
}

/** The same race ranked under another rule (the wizard's `p` on the leaderboard). */
export function withPrefer(outcome: RaceOutcome, prefer: Prefer): RaceOutcome {
  return { ...outcome, board: rank(outcome.results, prefer) };
}
