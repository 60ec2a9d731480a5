import type { Engine } from '../docker/engine.js';
import { sessionLabels } from '../docker/labels.js';
import type { Candidate } from '../strategies/types.js';
import { measureImportMs } from './import-time.js';
import type { Result } from './types.js';

/** Rounds of the recheck: each contender's image in a fresh container once per round, in turn. */
export const RECHECK_ROUNDS = 3;
/**
 * The interpreters a turn starts: as many as fit in about this long, at least 2, at most the race's
 * runs. Turns, not runs, are what steady the figure (a burst of load spans a whole container's runs),
 * so a slow start gets fewer runs per turn: e2e-pure (~200 ms) took 8–22 s to recheck with 5 a turn.
 */
export const RECHECK_TURN_MS = 400;

/** Interpreters per turn for a cold start of `ms`. */
export function runsPerTurn(ms: number, runs: number): number {
  return Math.max(Math.min(2, runs), Math.min(runs, Math.floor(RECHECK_TURN_MS / Math.max(ms, 1))));
}

export interface RecheckRequest {
  engine: Engine;
  sessionId: string;
  appModules: string[];
  runs: number;
  signal: AbortSignal;
  /** The contenders in the order they take turns, each with the candidate that made its image. */
  contenders: { candidate: Candidate; result: Result }[];
}

/**
 * The cold starts that decide the winner, measured again side by side once everything else is over
 * (no build and no gzip beside them): A B A B A B, a fresh container per turn, so that a burst of load
 * falls on both rather than on one. Each result's importMs becomes the least CPU time of all its
 * measurements, the race's first one included (load only ever adds, see import-time.ts). A turn that
 * fails leaves the figure as it was: the recheck is a measurement, never a verdict.
 */
export async function recheckStartup(req: RecheckRequest): Promise<void> {
  for (let round = 0; round < RECHECK_ROUNDS; round++) {
    for (const { candidate: c, result: r } of req.contenders) {
      if (req.signal.aborted) return;
      const started = Date.now();
      const time = await measureImportMs(req.engine, {
        image: r.image,
        python: c.python,
        workdir: c.workdir,
        modules: req.appModules,
        runs: runsPerTurn(r.importMs ?? 0, req.runs),
        labels: sessionLabels(req.sessionId, c.id),
        signal: req.signal,
      }).catch(() => undefined);
      if (time && r.importMs !== undefined) r.importMs = Math.min(r.importMs, time.cpuMs);
      const took = (Date.now() - started) / 1000 + (r.stageSeconds.recheck ?? 0);
      r.stageSeconds.recheck = Math.round(took * 10) / 10;
    }
  }
}
