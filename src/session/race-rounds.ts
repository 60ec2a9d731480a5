import type { Engine } from '../docker/engine.js';
import { userKnownHosts } from '../docker/known-hosts.js';
import type { MeasureCache } from '../race/measure-cache.js';
import { race } from '../race/run-race.js';
import type { RaceEvent, Result } from '../race/types.js';
import { passed } from '../report/leaderboard.js';
import { startupContenders } from '../report/winner-rule.js';
import { buildArgs, buildSecrets, planStrategy, replanWithImports } from '../strategies/index.js';
import { KNOWN_HOSTS_SECRET } from '../strategies/render/ssh.js';
import type { Candidate, Options, StrategyId } from '../strategies/types.js';
import type { PlanResult } from './plan.js';
import { type Repair, repairsForRound, withRepair } from './repair.js';

export interface RoundsRequest {
  plan: PlanResult;
  candidates: Candidate[];
  engine: Engine;
  sessionId: string;
  concurrency: number;
  network?: string;
  keep: boolean;
  noCache?: boolean;
  /** Measurements kept between runs (the session keeps them on disk); none: measure everything. */
  cache?: MeasureCache;
  timeoutSeconds: number;
  signal: AbortSignal;
}

/** A candidate re-planned with the packages its failure named; raced again. */
export interface RepairEvent {
  type: 'repair';
  id: StrategyId;
  repair: Repair;
  /** The re-rendered candidate: its Dockerfile replaces the previous one. */
  candidate: Candidate;
}

/** What the rounds yield: the race's events and the repairs between rounds. */
export type RoundEvent = RaceEvent | RepairEvent;
type RaceEnd = Extract<RaceEvent, { type: 'race-end' }>;

/** A header fix can reveal a missing runtime library: build, then runtime, then one spare. */
const MAX_ROUNDS = 3;

/** The index's netrc, and for git+ssh requirements the user's known hosts (the Dockerfile mounts both). */
function secretsFor(options: Options, candidates: Candidate[]): Record<string, string> | undefined {
  const known = candidates.some((c) => c.needsSsh) ? userKnownHosts() : undefined;
  const all = { ...buildSecrets(options), ...(known !== undefined ? { [KNOWN_HOSTS_SECRET]: known } : {}) };
  return Object.keys(all).length ? all : undefined;
}

/**
 * Whose cold starts are measured again at the end of a race: the default rule's contenders (the one
 * rule a rerun can change: size ignores cold starts, startup takes the fastest). The bench races with it too.
 */
export const raceContenders = (timed: Result[]): StrategyId[] => startupContenders(timed.filter(passed));

function raceOnce(
  req: RoundsRequest,
  candidates: Candidate[],
  cache: MeasureCache | undefined,
  options: Map<StrategyId, Options>,
) {
  const { plan } = req;
  // Bytecode 'imports': the candidate again with the modules its smoke test imported.
  const withImports = replanWithImports((id) => {
    const o = options.get(id);
    return o && { project: plan.project, verdicts: plan.verdicts, options: o };
  });
  return race(candidates, req.engine, {
    withImports,
    contenders: raceContenders,
    sessionId: req.sessionId,
    contextDir: plan.project.root,
    concurrency: req.concurrency,
    ...(req.network ? { network: req.network } : {}),
    buildArgs: buildArgs(plan.options) ?? {},
    ...(secretsFor(plan.options, candidates) ? { secrets: secretsFor(plan.options, candidates) } : {}),
    timeoutMs: req.timeoutSeconds * 1000,
    signal: req.signal,
    appModules: plan.project.appModules,
    ...(plan.options.entry ? { entry: plan.options.entry } : {}),
    keep: req.keep,
    ...(req.noCache ? { noCache: true } : {}),
    ...(cache ? { cache } : {}),
  });
}

/**
 * The race for a planned project, the same for the wizard and the headless command. A candidate
 * whose build stopped on a missing C header, or whose library audit found shared libraries
 * missing, is re-planned with exactly the packages that provide them and raced again: the
 * failure, not a guess, decides what the builder and the runtime install.
 */
export async function* raceRounds(req: RoundsRequest): AsyncGenerator<RoundEvent> {
  const cache = req.cache;
  const options = new Map<StrategyId, Options>(req.candidates.map((c) => [c.id, req.plan.options]));
  const current = new Map<StrategyId, Candidate>(req.candidates.map((c) => [c.id, c]));
  const results = new Map<StrategyId, Result>();
  const repaired = new Map<StrategyId, string[]>();
  let toRace = req.candidates;
  let removed = { containers: 0, images: 0 };
  let end: RaceEnd | undefined;
  for (let round = 0; round < MAX_ROUNDS && toRace.length > 0; round++) {
    end = undefined;
    for await (const e of raceOnce(req, toRace, cache, options)) {
      if (e.type === 'race-end') end = e;
      else if (round === 0 || e.type !== 'race-start') yield e;
    }
    if (!end) return;
    if (end.removed) {
      removed = {
        containers: removed.containers + end.removed.containers,
        images: removed.images + end.removed.images,
      };
    }
    for (const r of end.results) {
      const extra = repaired.get(r.id);
      results.set(r.id, extra ? { ...r, repairedWith: extra } : r);
    }
    if (end.cancelled || req.signal.aborted) break;
    toRace = [];
    const repairs = repairsForRound(end.results);
    for (const r of end.results) {
      const repair = repairs.get(r.id);
      if (!repair) continue;
      const next = withRepair(options.get(r.id)!, repair);
      // Only this candidate's strategy is planned again, with the packages its failure named.
      const again = planStrategy(r.id, {
        project: req.plan.project,
        verdicts: req.plan.verdicts,
        options: next,
      });
      if (!again?.applicable || again.dockerfile === current.get(r.id)?.dockerfile) continue;
      options.set(r.id, next);
      current.set(r.id, again);
      const where = repair.kind === 'build' ? 'builder' : 'runtime';
      repaired.set(r.id, [...(repaired.get(r.id) ?? []), ...repair.apt.map((p) => `${where}: ${p}`)]);
      toRace.push(again);
      yield { type: 'repair', id: r.id, repair, candidate: again };
    }
  }
  yield {
    type: 'race-end',
    results: req.candidates.map((c) => results.get(c.id)!),
    cancelled: end?.cancelled ?? true,
    ...(req.keep ? {} : { removed }),
  };
}
