import type { BuildEvent, BuilderKind, EngineKind, LayerInfo } from '../docker/engine.js';
import type { Footprint } from '../image/footprint.js';
import type { MissingLibrary } from '../image/library-audit.js';
import type { SmokeFailure } from '../image/smoke.js';
import type { StrategyId } from '../strategies/types.js';
import type { RuntimeBase } from './runtime-base.js';

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
  /** Seconds spent after the build: inspect, compress (compressed size), audit, smoke. */
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
  /** Where the image's bytes are (packages, app, the rest), measured from its export; for the floor. */
  footprint?: Footprint;
  /** The runtime stage's FROM image as inspected ('scratch' for FROM scratch); for the floor. */
  runtimeBase?: RuntimeBase;
  /** Packages added after a first try failed for lack of them: 'builder: libpq-dev', 'runtime: libpq5'. */
  repairedWith?: string[];
  /** Median cold import time of the app's modules in ms (measured when asked: RaceOptions.importRuns). */
  importMs?: number;
  /** The stage that failed, when one did. */
  failedAt?: 'build' | 'inspect' | 'audit' | 'smoke' | 'timeout' | 'cancelled';
}

export type CandidatePhase = 'queued' | 'building' | 'inspecting' | 'audit' | 'smoke';

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
