import type { LayerInfo } from '../docker/engine.js';
import { type AboveFloor, aboveFloor, computeFloor, type Floor } from '../image/floor.js';
import type { Result } from '../race/types.js';
import type { StrategyId } from '../strategies/types.js';
import { chooseWinner, DEFAULT_PREFER, type Prefer } from './winner-rule.js';

export interface Row {
  rank: number;
  id: StrategyId;
  passed: boolean;
  sizeBytes: number;
  compressedBytes: number;
  /** How many times smaller than the baseline (`full`); undefined when there is no passing baseline. */
  timesSmaller?: number;
  layerCount: number;
  buildSeconds: number;
  /** Undefined when never measured: no image was built or inspected. */
  nonRoot?: boolean;
  /** Undefined when never measured: the image's files were never read. */
  hasShell?: boolean;
  /** Whether the smoke test ran (a failed build never got there). */
  smoked: boolean;
  /** The three largest layers, largest first: where the bytes went. */
  largestLayers: LayerInfo[];
  /** Why it failed or was disqualified (failing import, missing library, build error). */
  reason?: string;
  /** Size as a multiple of the floor (1.00 = at the floor); absent without a measured floor. */
  timesFloor?: number;
  /** What puts bytes above the floor, largest first. */
  aboveFloor?: AboveFloor[];
  /** Cold start (least CPU ms of fresh interpreters importing the app), when measured. */
  importMs?: number;
  result: Result;
}

export interface Leaderboard {
  rows: Row[];
  baseline?: StrategyId;
  /** The passing candidate the rule chose (winner-rule.ts). */
  winner?: StrategyId;
  /** The rule in force, and why the winner won under it. */
  prefer: Prefer;
  why?: string;
  /** The floor measured from the app (src/image/floor.ts): bytes of the files it really used. */
  floor?: Floor;
}

export const BASELINE: StrategyId = 'full';

/**
 * What a result holds for real. A failed candidate keeps the empty values of the stages it never
 * reached (user '', no shell): those are unknown, not "root" and "no shell".
 */
export function measured(r: Result): { image: boolean; files: boolean; smoke: boolean } {
  const image = r.sizeBytes > 0;
  const done = r.failedAt === undefined || r.failedAt === 'smoke';
  // An audit failure after the smoke test (missing libraries) read the files and ran the smoke.
  const audited = r.failedAt === 'audit' && r.missingLibraries.length > 0;
  // The audit stage ends once the files were read (user, shell): its lap says they were.
  return {
    image,
    files: image && (done || audited || r.stageSeconds.audit !== undefined),
    smoke: image && (done || audited),
  };
}

export function passed(r: Result): boolean {
  return !r.error && r.smoke.ok && r.missingLibraries.length === 0 && r.sizeBytes > 0;
}

function failureReason(r: Result): string {
  if (r.error) return r.error;
  if (r.missingLibraries.length > 0) {
    const m = r.missingLibraries[0]!;
    return `missing ${m.soname} (needed by ${m.neededBy})${m.package ? `: install ${m.package} in the runtime stage` : ''}`;
  }
  const f = r.smoke.failures[0];
  return f ? `import ${f.module} failed: ${f.error}` : 'smoke test did not pass';
}

/** Passing candidates by size, then the failed ones with their reason; the winner by `prefer`. */
export function rank(results: Result[], prefer: Prefer = DEFAULT_PREFER): Leaderboard {
  const ok = results
    .filter(passed)
    .sort((a, b) => a.sizeBytes - b.sizeBytes || a.buildSeconds - b.buildSeconds);
  const bad = results.filter((r) => !passed(r));
  const base = results.find((r) => r.id === BASELINE && passed(r));
  const floor = computeFloor(ok);
  const choice = chooseWinner(ok, prefer);
  const rows = [...ok, ...bad].map((r, i): Row => {
    const isOk = passed(r);
    const m = measured(r);
    return {
      rank: i + 1,
      id: r.id,
      passed: isOk,
      sizeBytes: r.sizeBytes,
      compressedBytes: r.compressedBytes,
      ...(base && isOk ? { timesSmaller: base.sizeBytes / r.sizeBytes } : {}),
      layerCount: r.layerCount,
      buildSeconds: r.buildSeconds,
      ...(m.image
        ? { nonRoot: r.user !== '' && r.user !== 'root' && r.user !== '0' && !r.user.startsWith('0:') }
        : {}),
      ...(m.files ? { hasShell: r.hasShell } : {}),
      smoked: m.smoke,
      largestLayers: [...r.layers].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 3),
      ...(isOk ? {} : { reason: failureReason(r) }),
      ...(floor && r.sizeBytes > 0 ? { timesFloor: r.sizeBytes / floor.bytes } : {}),
      ...(floor && isOk && r.untouched ? { aboveFloor: aboveFloor(r, floor) } : {}),
      ...(r.importMs !== undefined ? { importMs: r.importMs } : {}),
      result: r,
    };
  });
  return {
    rows,
    prefer,
    ...(base ? { baseline: base.id } : {}),
    ...(choice ? { winner: choice.id, why: choice.why } : {}),
    ...(floor ? { floor } : {}),
  };
}
