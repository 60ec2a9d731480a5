import type { LayerInfo } from '../docker/engine.js';
import { type AboveFloor, aboveFloor, computeFloor, type Floor, type FloorInput } from '../image/floor.js';
import type { Result } from '../race/types.js';
import type { StrategyId } from '../strategies/types.js';

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
  /** Median cold import time of the app's modules, ms, when measured. */
  importMs?: number;
  result: Result;
}

export interface Leaderboard {
  rows: Row[];
  baseline?: StrategyId;
  /** Smallest passing candidate, the default choice. */
  winner?: StrategyId;
  /** The size floor (src/image/floor.ts): smallest runtime + trimmed packages + app, from measured data. */
  floor?: Floor;
}

/** The floor's inputs from a passing result, when the race measured them. */
export function floorInput(r: Result): FloorInput | undefined {
  if (!r.footprint || !r.runtimeBase) return undefined;
  return {
    id: r.id,
    sizeBytes: r.sizeBytes,
    footprint: r.footprint,
    layers: r.layers,
    ...(r.runtimeBase === 'scratch' ? {} : { base: r.runtimeBase }),
  };
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
  return {
    image,
    files: image && (done || audited || r.footprint !== undefined),
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

/** Passing candidates by size, then the failed ones with their reason (issue 3 "Rank"). */
export function rank(results: Result[]): Leaderboard {
  const ok = results
    .filter(passed)
    .sort((a, b) => a.sizeBytes - b.sizeBytes || a.buildSeconds - b.buildSeconds);
  const bad = results.filter((r) => !passed(r));
  const base = results.find((r) => r.id === BASELINE && passed(r));
  const inputs = new Map(
    ok.flatMap((r) => (floorInput(r) ? [[r.id, floorInput(r) as FloorInput] as const] : [])),
  );
  const floor = computeFloor([...inputs.values()]);
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
      ...(floor && inputs.has(r.id) ? { aboveFloor: aboveFloor(inputs.get(r.id) as FloorInput, floor) } : {}),
      ...(r.importMs !== undefined ? { importMs: r.importMs } : {}),
      result: r,
    };
  });
  return {
    rows,
    ...(base ? { baseline: base.id } : {}),
    ...(ok[0] ? { winner: ok[0].id } : {}),
    ...(floor ? { floor } : {}),
  };
}
