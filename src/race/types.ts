import type { BuildEvent, BuilderKind, EngineKind, LayerInfo } from '../docker/engine.js';
import type { Untouched, UsedSummary } from '../image/floor.js';
import type { MissingLibrary } from '../image/library-audit.js';
import type { SmokeFailure } from '../image/smoke.js';
import type { StrategyId } from '../strategies/types.js';

/** What one candidate turned out to be. Fields after a failed stage stay at their empty values. */
export interface Result {
  id: StrategyId;
  /** The tag it was built as (removed again at the end unless --keep). */
  image: string;
  imageId: string;
  sizeBytes: number;
  /** What a registry push/pull moves (gzip layers). */
  compressedBytes: number;
  /** Filesystem layers, oldest first, with the instruction that made each. */
  layers: LayerInfo[];
  layerCount: number;
  buildSeconds: number;
  /** Seconds spent after the build: inspect, smoke, bytecode, audit, startup, compress (in the background). */
  stageSeconds: Record<string, number>;
  /** Config.User; '' is root. */
  user: string;
  hasShell: boolean;
  smoke: { ok: boolean; failures: SmokeFailure[] };
  missingLibraries: MissingLibrary[];
  /** Why it is disqualified or failed: build error, timeout, failing import, missing library. */
  error?: string;
  /** Last lines of build output, for the user. */
  logTail: string[];
  /** What the app used in the smoke container (usage.ts), summed by kind; the largest passing one is the floor. */
  used?: UsedSummary;
  /** What the image ships that the app never touched, by part (from its exported filesystem). */
  untouched?: Untouched;
  /**
   * The Dockerfile that made this image when the race changed it: bytecode for the recorded
   * start-up imports. Write this one, not the planned one (see finalCandidate()).
   */
  dockerfile?: string;
  /** With bytecode 'imports': how many modules were compiled, and the bytes that added. */
  bytecode?: { modules: number; bytes: number };
  /** Packages added after a first try failed for lack of them: 'builder: libpq-dev', 'runtime: libpq5'. */
  repairedWith?: string[];
  /**
   * Cold start: fresh interpreters importing the app's modules in the final image, network none
   * (RaceOptions.importRuns, 5 by default), the least of their CPU times (user + system; load only
   * ever adds to it, see import-time.ts). CPU, not wall: the race builds other candidates beside it,
   * which would only add noise to a wall clock. importWallMs: the median wall time, for reference.
   */
  importMs?: number;
  importWallMs?: number;
  /** The stage that failed, when one did. */
  failedAt?: 'build' | 'inspect' | 'audit' | 'smoke' | 'timeout' | 'cancelled';
}

/** 'bytecode': the short second build that compiles the recorded imports; 'startup': cold-start timing. */
export type CandidatePhase =
  | 'queued'
  | 'building'
  | 'inspecting'
  | 'audit'
  | 'smoke'
  | 'bytecode'
  | 'startup';

export type RaceEvent =
  | {
      type: 'race-start';
      /** network: the build network mode in use (undefined: the engine's default). */
      engine: {
        builder: BuilderKind;
        host: string;
        kind?: EngineKind;
        serverVersion?: string;
        network?: string;
      };
      candidates: StrategyId[];
    }
  | { type: CandidatePhase; id: StrategyId }
  | { type: 'progress'; id: StrategyId; event: BuildEvent }
  | { type: 'done'; id: StrategyId; result: Result }
  /** The cold starts near the winner rule's margin are measured again, side by side (startup-recheck.ts). */
  | { type: 'startup-recheck'; ids: StrategyId[] }
  /** …and what that found: each contender's cold start before and after (ms CPU), and how long it took. */
  | {
      type: 'startup-rechecked';
      figures: { id: StrategyId; before: number; after: number }[];
      seconds: number;
    }
  | { type: 'failed'; id: StrategyId; result: Result }
  | {
      type: 'race-end';
      results: Result[];
      cancelled: boolean;
      /** What the final cleanup removed; undefined with keep. */
      removed?: { containers: number; images: number };
    };

export function emptyResult(id: StrategyId, image: string): Result {
  return {
    id,
    image,
    imageId: '',
    sizeBytes: 0,
    compressedBytes: 0,
    layers: [],
    layerCount: 0,
    buildSeconds: 0,
    stageSeconds: {},
    user: '',
    hasShell: false,
    smoke: { ok: false, failures: [] },
    missingLibraries: [],
    logTail: [],
  };
}

/** The candidate as it made its measured image: with the race's final Dockerfile, if it changed it. */
export function finalCandidate<C extends { dockerfile: string }>(c: C, r: Result | undefined): C {
  return r?.dockerfile ? { ...c, dockerfile: r.dockerfile } : c;
}
