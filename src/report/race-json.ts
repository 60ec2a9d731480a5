import type { EngineInfo } from '../docker/engine.js';
import { formatSource } from '../errors.js';
import { redactDeep } from '../redact.js';
import type { Candidate } from '../strategies/types.js';
import type { Leaderboard } from './leaderboard.js';

/** The `race --json` contract (issue 3): scripts rely on these names; add, never rename. */
export function raceJson(
  engine: Pick<EngineInfo, 'builder' | 'host'> & Partial<Pick<EngineInfo, 'kind'>>,
  board: Leaderboard,
  candidates: Candidate[],
  written: string[],
  cancelled = false,
  warnings: { message: string; source?: { file: string; line?: number } }[] = [],
) {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return redactDeep({
    engine: { builder: engine.builder, host: engine.host, ...(engine.kind ? { kind: engine.kind } : {}) },
    baseline: board.baseline ?? null,
    winner: board.winner ?? null,
    prefer: board.prefer,
    why: board.why ?? null,
    cancelled,
    ...(board.floor ? { floor: board.floor } : {}),
    candidates: board.rows.map((row) => {
      const r = row.result;
      return {
        id: r.id,
        rank: row.rank,
        passed: row.passed,
        // The race's final text when it changed it (bytecode for the recorded imports).
        dockerfile: r.dockerfile ?? byId.get(r.id)?.dockerfile ?? '',
        buildCommand: byId.get(r.id)?.buildCommand ?? null,
        ...(byId.get(r.id)?.credentials ? { credentials: byId.get(r.id)?.credentials } : {}),
        image: r.image,
        sizeBytes: r.sizeBytes,
        compressedBytes: r.compressedBytes,
        timesSmaller: row.timesSmaller ?? null,
        layers: r.layers.map((l) => ({ sizeBytes: l.sizeBytes, createdBy: l.createdBy })),
        layerCount: r.layerCount,
        buildSeconds: r.buildSeconds,
        user: r.user,
        hasShell: r.hasShell,
        smoke: { ok: r.smoke.ok, failures: r.smoke.failures },
        missingLibraries: r.missingLibraries,
        error: row.reason ?? null,
        logTail: row.passed ? [] : r.logTail,
        ...(row.timesFloor !== undefined ? { timesFloor: row.timesFloor } : {}),
        ...(row.aboveFloor ? { aboveFloor: row.aboveFloor } : {}),
        ...(row.importMs !== undefined ? { importMs: row.importMs } : {}),
        ...(r.importWallMs !== undefined ? { importWallMs: r.importWallMs } : {}),
        ...(r.used ? { usedBytes: r.used.usedBytes } : {}),
        ...(r.bytecode ? { bytecode: r.bytecode } : {}),
      };
    }),
    written,
    warnings: warnings.map((w) => ({ message: w.message, source: w.source ? formatSource(w.source) : null })),
  });
}
