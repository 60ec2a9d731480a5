import type { Candidate, StrategyId } from '../strategies/types.js';

/**
 * Candidates whose builder stages start alike share them through the engine's build cache. To
 * make that cache warm rather than build the same stages twice at once (two apt-gets and two pip
 * installs fighting for the same CPUs), a candidate that shares builder stages with one earlier in
 * the list (its leader) waits until the leader's build has finished; the others start meanwhile.
 */
export interface Schedule {
  /** Start order: every leader and ungrouped candidate, then the followers, input order kept. */
  order: Candidate[];
  /** Follower id → the leader whose build it waits for. */
  waitsFor: Map<StrategyId, StrategyId>;
}

/** The builder stages (every stage before the last FROM), each without its comments; [] for one stage. */
export function builderStageTexts(dockerfile: string): string[] {
  const stages: string[][] = [];
  for (const line of dockerfile.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*FROM\s/i.test(line)) stages.push([]);
    if (stages.length > 0 && !/^\s*#/.test(line)) stages.at(-1)?.push(line);
  }
  return stages.slice(0, -1).map((s) => s.join('\n').trim());
}

/** Everything before the last FROM line: the builder stages, or undefined for a single stage. */
export function builderStages(dockerfile: string): string | undefined {
  const text = builderStageTexts(dockerfile).join('\n');
  return text === '' ? undefined : text;
}

/** How many leading builder stages two candidates share, counting only prefixes that do some work. */
function sharedWork(a: string[], b: string[]): number {
  let n = 0;
  let work = false;
  while (n < a.length && n < b.length && a[n] === b[n]) {
    work ||= /^\s*(RUN|COPY|ADD)\s/im.test(a[n] ?? '');
    n++;
  }
  return work ? n : 0;
}

export function schedule(candidates: Candidate[]): Schedule {
  const stages = new Map(candidates.map((c) => [c.id, builderStageTexts(c.dockerfile)]));
  const waitsFor = new Map<StrategyId, StrategyId>();
  candidates.forEach((c, i) => {
    let best: { id: StrategyId; n: number } | undefined;
    for (const earlier of candidates.slice(0, i)) {
      // A leader is never itself a follower: one wait, not a chain.
      if (waitsFor.has(earlier.id)) continue;
      const n = sharedWork(stages.get(c.id) ?? [], stages.get(earlier.id) ?? []);
      if (n > 0 && n > (best?.n ?? 0)) best = { id: earlier.id, n };
    }
    if (best) waitsFor.set(c.id, best.id);
  });
  const order = [
    ...candidates.filter((c) => !waitsFor.has(c.id)),
    ...candidates.filter((c) => waitsFor.has(c.id)),
  ];
  return { order, waitsFor };
}
