import type { EngineInfo } from '../docker/engine.js';
import type { WriteOutcome } from '../output/safe-write.js';
import type { RaceEvent, Result } from '../race/types.js';
import type { Leaderboard } from '../report/leaderboard.js';
import type { Prefer } from '../report/winner-rule.js';
import type { BytecodePolicy, Candidate, StrategyId } from '../strategies/types.js';
import type { PlanResult } from './plan.js';
import type { PythonChoice } from './python-choices.js';
import type { RepairEvent } from './race-rounds.js';
import type { Selection } from './select-candidates.js';

/** How candidates are built and measured: the same for the headless race and the wizard. */
export interface RaceSettings {
  concurrency: number;
  keep: boolean;
  /** Build network mode (an engine without a bridge needs 'host'). */
  network?: string;
  /** Cold all the way: no builder cache, no remembered measurements. */
  noCache: boolean;
  timeoutSeconds: number;
}

/** Everything a run was asked for, mapped once from the flags (request.ts). */
/** `--group`, `--no-group`, `--requirements`: the production dependencies, as the user decides them. */
export interface ProjectChoices {
  groups: string[];
  noGroups: string[];
  /** Of groups/noGroups, the names the user flipped in the wizard (see toggleGroup). */
  toggled?: string[];
  requirements?: string;
}

export interface SessionRequest {
  dir: string;
  python?: string;
  /** `--image ROLE=REF`, in order. */
  images: string[];
  indexUrl?: string;
  offline: boolean;
  /** `--strategies`: race only these (the wizard preselects them). */
  strategies?: string[];
  /** `--out`: where the Dockerfile goes (default DIR/Dockerfile). */
  out?: string;
  /** What of the project goes into the image: groups, the requirements file. */
  project?: ProjectChoices;
  /** `--prefer` and `--bytecode`: over [tool.slim-py], over the defaults. */
  prefer?: Prefer;
  bytecode?: BytecodePolicy;
  race: RaceSettings;
  env?: NodeJS.ProcessEnv;
}

/**
 * How a race ended, with the candidates as last raced: a repaired one's Dockerfile replaces its
 * first, and so does the race's final one (bytecode for the recorded imports).
 */
export interface RaceOutcome {
  results: Result[];
  /** The final candidates, one per raced id, in race order. */
  candidates: Candidate[];
  board: Leaderboard;
  cancelled: boolean;
  /** What the final cleanup removed; undefined with keep. */
  removed?: { containers: number; images: number };
  /** The engine it ran on, for the reports. */
  engine: Pick<EngineInfo, 'builder' | 'host'>;
}

export type RaceEndEvent = { type: 'race-end' } & RaceOutcome;

/** The session's race stream: the race's own events, repairs between rounds, and the final outcome. */
export type SessionEvent = Exclude<RaceEvent, { type: 'race-end' }> | RepairEvent | RaceEndEvent;

/** What to write: a candidate of the plan (plan only, unmeasured) or of a race's outcome. */
export interface WriteChoice {
  plan: PlanResult;
  id: StrategyId;
  /** Undefined in plan-only mode: the Dockerfile is marked unmeasured and no reports are written. */
  race?: RaceOutcome;
}

/** What the write will do, shown before anything is written. */
export interface WritePreview {
  /** The candidate written (from the race's outcome when there was one: repaired if it was). */
  candidate: Candidate;
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

export interface RaceStart {
  plan: PlanResult;
  candidates: Candidate[];
  signal: AbortSignal;
}

/**
 * One run of slim-py, headless or in the wizard: connects once and keeps the engine's info
 * (its architecture feeds the analysis), plans, races with repairs, previews and writes.
 */
export interface Session {
  readonly request: SessionRequest;
  /** Labels everything this session makes: `slim-py.session=<id>`. */
  readonly id: string;
  /** Once per session; later calls return the same answer. Throws a UserError when no engine answers. */
  connect(): Promise<EngineInfo>;
  /**
   * scan → analyse → plan, for the engine's architecture when connect() succeeded (waits for a
   * connect under way), else for this machine's (the plan says which). `python`: the user's choice;
   * `project`: the groups in or out (default the flags'), so a plan for another Python keeps them.
   */
  plan(python?: string, project?: ProjectChoices): Promise<PlanResult>;
  /** Every version the Python step offers (the project's own first), with what each allows. */
  pythonChoices(project?: ProjectChoices): Promise<PythonChoice[]>;
  /**
   * The candidates to race: `wanted` (the wizard's ticks; default `--strategies`), else every
   * applicable one, without what the connected engine cannot build. Throws a UserError when none.
   */
  select(plan: PlanResult, wanted?: readonly string[]): Selection;
  race(start: RaceStart): AsyncIterable<SessionEvent>;
  preview(choice: WriteChoice): Promise<WritePreview>;
  write(choice: WriteChoice): Promise<WriteOutcome[]>;
  /** Milliseconds, for elapsed times (a replay drives its own clock). */
  now(): number;
}
