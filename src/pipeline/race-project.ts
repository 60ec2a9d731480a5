import type { Engine } from '../docker/engine.js';
import { race } from '../race/run-race.js';
import type { RaceEvent } from '../race/types.js';
import { buildArgs } from '../strategies/index.js';
import type { Candidate } from '../strategies/types.js';
import type { PlanResult } from './plan-project.js';

export interface RaceRequest {
  plan: PlanResult;
  candidates: Candidate[];
  engine: Engine;
  sessionId: string;
  concurrency: number;
  network?: string;
  keep: boolean;
  timeoutSeconds: number;
  signal: AbortSignal;
}

/** The race for a planned project: the same for the wizard and the headless command. */
export function raceProject(req: RaceRequest): AsyncGenerator<RaceEvent> {
  const { plan } = req;
  return race(req.candidates, req.engine, {
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
  });
}
