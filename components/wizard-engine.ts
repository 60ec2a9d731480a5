import type { EngineInfo } from '../src/docker/engine.js';
import type { WriteOutcome } from '../src/output/safe-write.js';
import type { PlanResult } from '../src/pipeline/plan-project.js';
import type { PipelineEvent } from '../src/pipeline/race-project.js';
import type { Leaderboard } from '../src/report/leaderboard.js';
import type { Candidate } from '../src/strategies/types.js';

/** What the write step will do, shown before anything is written. */
export interface WritePreview {
  /** Absolute path of the Dockerfile. */
  path: string;
  content: string;
  /** The Dockerfile already there, when one is. */
  existing?: string;
  /** Where the existing file will be kept (only when it differs). */
  backup?: string;
  /** .dockerignore path when it is missing and will be created. */
  dockerignore?: string;
  /** Report files written beside the Dockerfile (none in plan-only mode). */
  reports: string[];
}

export interface WriteChoice {
  plan: PlanResult;
  candidate: Candidate;
  /** Undefined in plan-only mode: the Dockerfile is marked unmeasured. */
  board?: Leaderboard;
}

/**
 * Everything the wizard asks of the outside world. The real command backs it with the engine
 * (real-engine.ts); tests back it with recorded race streams. The UI never calls src/ I/O itself.
 */
export interface WizardEngine {
  /** scan → analyse → plan. `python` set: the user changed the version, so the scan starts over. */
  plan(python?: string): Promise<PlanResult>;
  /** Throws a UserError when no Docker engine answers. */
  connect(): Promise<EngineInfo>;
  race(req: { plan: PlanResult; candidates: Candidate[]; signal: AbortSignal }): AsyncIterable<PipelineEvent>;
  preview(choice: WriteChoice): Promise<WritePreview>;
  write(choice: WriteChoice): Promise<WriteOutcome[]>;
  /** Milliseconds, for elapsed times (a replay drives its own clock). */
  now(): number;
  /** How the race runs, for the race header. */
  readonly raceSettings: { concurrency: number; keep: boolean; network?: string };
}
