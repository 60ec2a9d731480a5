import { aboveFloor } from '../../src/image/floor.js';
import type { Result } from '../../src/race/types.js';
import { passed, rank } from '../../src/report/leaderboard.js';
import type { MachineState } from './machine.js';
import type { RaceRun } from './race-once.js';
import type { BenchCandidate, BenchProject, RaceCosts } from './types.js';

export interface Measured {
  name: string;
  python: string;
  dir: string;
  cold: RaceRun;
  warm: RaceRun;
  /** Seeds and variants. */
  extra: RaceRun;
  singles: Map<string, RaceRun>;
  machine: { before: MachineState; after: MachineState };
}

const kindOf = (id: string): BenchCandidate['kind'] =>
  id.startsWith('seed-') ? 'seed' : id.includes('+') ? 'variant' : 'slim-py';

function costs(run: RaceRun): RaceCosts {
  const sum = (stage: string) =>
    Math.round(run.results.reduce((a, r) => a + (r.stageSeconds[stage] ?? 0), 0) * 10) / 10;
  return {
    startupSeconds: sum('startup'),
    bytecodeSeconds: sum('bytecode'),
    smokeSeconds: sum('smoke'),
    auditSeconds: sum('audit') + sum('untouched'),
    compressSeconds: sum('compress'),
    tailSeconds: Math.round(run.tailSeconds * 10) / 10,
    ...(run.recheck ? { recheck: run.recheck } : {}),
  };
}

/** The figures of one project: every candidate against the floor measured in the cold race. */
export function summarise(m: Measured): BenchProject {
  // The floor and the winner come from the cold race, as in the CLI; seeds and variants are
  // measured against the same floor.
  const all = [...m.cold.results, ...m.extra.results];
  const ours = rank(m.cold.results);
  const floor = ours.floor;
  const row = (r: Result): BenchCandidate => {
    const one = m.singles.get(r.id);
    const above = floor && passed(r) && r.untouched ? aboveFloor(r, floor).slice(0, 3) : undefined;
    return {
      id: r.id,
      kind: kindOf(r.id),
      passed: passed(r),
      sizeBytes: r.sizeBytes,
      compressedBytes: r.compressedBytes,
      raceBuildSeconds: r.buildSeconds,
      ...(r.importMs !== undefined ? { importMs: r.importMs } : {}),
      ...(r.importWallMs !== undefined ? { importWallMs: r.importWallMs } : {}),
      ...(floor && r.sizeBytes ? { timesFloor: r.sizeBytes / floor.usedBytes } : {}),
      ...(above ? { aboveFloor: above } : {}),
      ...(r.bytecode ? { bytecode: r.bytecode } : {}),
      ...(one ? { singleWallSeconds: one.wallSeconds } : {}),
      ...(r.error ? { error: r.error.slice(0, 300) } : {}),
    };
  };
  const candidates = all.map(row);
  const ok = m.cold.results.filter(passed);
  const winner = ok.find((r) => r.id === ours.winner);
  const fastest = Math.min(...ok.flatMap((r) => (r.importMs === undefined ? [] : [r.importMs])));
  const smallest = Math.min(...ok.map((r) => r.sizeBytes));
  const bestSeed = m.extra.results
    .filter((r) => kindOf(r.id) === 'seed' && passed(r))
    .sort((a, b) => a.sizeBytes - b.sizeBytes)[0];
  const singles = [...m.singles.entries()].sort((a, b) => b[1].wallSeconds - a[1].wallSeconds);
  const slowest = singles[0];
  return {
    name: m.name,
    python: m.python,
    dir: m.dir,
    candidates,
    ...(winner ? { winner: winner.id, ...(ours.why ? { why: ours.why } : {}) } : {}),
    ...(winner?.importMs !== undefined && Number.isFinite(fastest)
      ? { winnerVsFastest: winner.importMs / fastest }
      : {}),
    ...(winner ? { winnerVsSmallest: winner.sizeBytes / smallest } : {}),
    ...(bestSeed ? { bestSeed: bestSeed.id } : {}),
    ...(winner && bestSeed ? { winnerVsBestSeed: winner.sizeBytes / bestSeed.sizeBytes } : {}),
    ...(floor ? { floor } : {}),
    raceWallSeconds: m.cold.wallSeconds,
    costs: costs(m.cold),
    warmWallSeconds: m.warm.wallSeconds,
    peakRssBytes: m.cold.peakRssBytes,
    ...(slowest
      ? {
          slowestSingle: { id: slowest[0], wallSeconds: slowest[1].wallSeconds },
          sumSingleWallSeconds: singles.reduce((a, [, s]) => a + s.wallSeconds, 0),
        }
      : {}),
    machine: m.machine,
  };
}
