import type { Engine } from '../docker/engine.js';
import { race } from '../race/run-race.js';
import type { RaceEvent, Result } from '../race/types.js';
import { buildArgs, planCandidates } from '../strategies/index.js';
import type { Candidate, StrategyId } from '../strategies/types.js';
import type { PlanResult } from './plan-project.js';
import { type Repair, repairFor, withRuntimePackages } from './runtime-repair.js';

export interface RaceRequest {
  plan: PlanResult;
  candidates: Candidate[];
  engine: Engine;
  sessionId: string;
  concurrency: number;
  network?: string;
  keep: boolean;
  noCache?: boolean;
  timeoutSeconds: number;
  signal: AbortSignal;
}

/** A candidate re-planned with the runtime packages its library audit named; raced again. */
export interface RepairEvent {
  type: 'repair';
  id: StrategyId;
  repair: Repair;
  /** The re-rendered candidate: its Dockerfile replaces the first one. */
  candidate: Candidate;
}

export type PipelineEvent = RaceEvent | RepairEvent;

function raceOnce(req: RaceRequest, candidates: Candidate[]) {
  const { plan } = req;
  return race(candidates, req.engine, {
    sessionId: req.sessionId,
    contextDir: plan.project.root,
    concurrency: req.concurrency,
    ...(req.network ? { network: req.network } : {}),
    buildArgs: buildArgs(plan.options) ?? {},
    timeoutMs: req.timeoutSeconds * 1000,
    signal: req.signal,
    appModules: plan.project.appModules,
    ...(plan.options.entry ? { entry: plan.options.entry } : {}),
    keep: req.keep,
    ...(req.noCache ? { noCache: true } : {}),
  });
}

/**
 * The race for a planned project, the same for the wizard and the headless command. When the
 * library audit finds that a candidate lacks shared libraries that known packages provide
 * (libpq.so.5 → libpq5), that candidate is re-planned with exactly those runtime packages and
 * raced once more: the audit, not a guess, decides what the runtime installs.
 */
export async function* raceProject(req: RaceRequest): AsyncGenerator<PipelineEvent> {
  let firstEnd: Extract<RaceEvent, { type: 'race-end' }> | undefined;
  for await (const e of raceOnce(req, req.candidates)) {
    if (e.type === 'race-end') firstEnd = e;
    else yield e;
  }
  if (!firstEnd) return;
  const retries: { candidate: Candidate; repair: Repair }[] = [];
  if (!firstEnd.cancelled && !req.signal.aborted) {
    for (const r of firstEnd.results) {
      const repair = repairFor(r);
      if (!repair) continue;
      const options = withRuntimePackages(req.plan.options, repair);
      const again = planCandidates({ project: req.plan.project, verdicts: req.plan.verdicts, options }).find(
        (c) => c.id === r.id,
      );
      const before = req.candidates.find((c) => c.id === r.id);
      if (again?.applicable && again.dockerfile !== before?.dockerfile) retries.push({ candidate: again, repair });
    }
  }
  if (retries.length === 0) {
    yield firstEnd;
    return;
  }
  for (const { candidate, repair } of retries) yield { type: 'repair', id: candidate.id, repair, candidate };
  const second = new Map<StrategyId, Result>();
  let secondEnd: Extract<RaceEvent, { type: 'race-end' }> | undefined;
  for await (const e of raceOnce(req, retries.map((x) => x.candidate))) {
    if (e.type === 'race-end') secondEnd = e;
    else if (e.type !== 'race-start') yield e;
  }
  for (const r of secondEnd?.results ?? []) {
    const repair = retries.find((x) => x.candidate.id === r.id)?.repair;
    second.set(r.id, { ...r, ...(repair ? { repairedWith: repair.apt } : {}) });
  }
  const removed = firstEnd.removed && {
    containers: firstEnd.removed.containers + (secondEnd?.removed?.containers ?? 0),
    images: firstEnd.removed.images + (secondEnd?.removed?.images ?? 0),
  };
  yield {
    type: 'race-end',
    results: firstEnd.results.map((r) => second.get(r.id) ?? r),
    cancelled: secondEnd?.cancelled ?? false,
    ...(removed ? { removed } : {}),
  };
}
