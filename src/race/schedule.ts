import type { Candidate, StrategyId } from '../strategies/types.js';

/**
 * Candidates whose builder stages are byte-identical share them through the engine's build
 * cache. To make that cache warm rather than race for it, the first candidate of each group
 * (the leader) is started first and the others wait until the leader's build has finished.
 */
export interface Schedule {
  /** Start order: every leader and ungrouped candidate, then the followers, input order kept. */
  order: Candidate[];
  /** Follower id → the leader whose build it waits for. */
  waitsFor: Map<StrategyId, StrategyId>;
}

/** Everything before the last FROM line: the builder stages, or undefined for a single stage. */
export function builderStages(dockerfile: string): string | undefined {
  const lines = dockerfile.replace(/\r\n/g, '\n').split('\n');
  let last = -1;
  let froms = 0;
  lines.forEach((l, i) => {
    if (/^\s*FROM\s/i.test(l)) {
      last = i;
      froms++;
    }
  });
  if (froms < 2) return undefined;
  const text = lines
    .slice(0, last)
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .trim();
  return text === '' ? undefined : text;
}

export function schedule(candidates: Candidate[]): Schedule {
  const leaderOf = new Map<string, StrategyId>();
  const waitsFor = new Map<StrategyId, StrategyId>();
  for (const c of candidates) {
    const key = builderStages(c.dockerfile);
    if (key === undefined) continue;
    const leader = leaderOf.get(key);
    if (leader === undefined) leaderOf.set(key, c.id);
    else waitsFor.set(c.id, leader);
  }
  const order = [
    ...candidates.filter((c) => !waitsFor.has(c.id)),
    ...candidates.filter((c) => waitsFor.has(c.id)),
  ];
  return { order, waitsFor };
}
