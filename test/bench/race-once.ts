import type { Engine } from '../../src/docker/engine.js';
import type { MeasureCache } from '../../src/race/measure-cache.js';
import { race } from '../../src/race/run-race.js';
import type { Result } from '../../src/race/types.js';
import { recheckedLine } from '../../src/report/recheck-lines.js';
import { raceContenders } from '../../src/session/race-rounds.js';
import type { Candidate } from '../../src/strategies/types.js';

export interface RaceRun {
  results: Result[];
  wallSeconds: number;
  /** Highest resident set size sampled during the race (the whole bench process). */
  peakRssBytes: number;
  /** Seconds from the end of the last candidate's foreground work to its last result (the background's tail). */
  tailSeconds: number;
  /** The end-of-race cold-start recheck of the winner rule's contenders, as the CLI prints it. */
  recheck?: string;
}

export interface RaceRunOptions {
  sessionId: string;
  contextDir: string;
  buildArgs: Record<string, string>;
  appModules: string[];
  entry?: string[];
  network?: string;
  concurrency: number;
  keep: boolean;
  /** Default: the race's own (5); 0: no cold-start timing. */
  importRuns?: number;
  /** Measurements kept between races, as the CLI keeps them between runs. */
  cache?: MeasureCache;
  withImports?: (c: Candidate, modules: string[]) => Candidate | undefined;
}

/** One race, timed from the first event to the end of cleanup, with RSS sampled every 50 ms. */
export async function raceOnce(candidates: Candidate[], engine: Engine, o: RaceRunOptions): Promise<RaceRun> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  let results: Result[] = [];
  // When each candidate's last foreground phase began, and when its result came.
  const lastPhase = new Map<string, number>();
  let lastResult = started;
  let recheck: string | undefined;
  try {
    for await (const e of race(candidates, engine, {
      sessionId: o.sessionId,
      contextDir: o.contextDir,
      concurrency: o.concurrency,
      buildArgs: o.buildArgs,
      appModules: o.appModules,
      keep: o.keep,
      ...(o.importRuns !== undefined ? { importRuns: o.importRuns } : {}),
      ...(o.cache ? { cache: o.cache } : {}),
      ...(o.entry ? { entry: o.entry } : {}),
      ...(o.network ? { network: o.network } : {}),
      ...(o.withImports ? { withImports: o.withImports } : {}),
      // As `slim-py race` does: the contenders' cold starts measured again side by side at the end.
      contenders: raceContenders,
    })) {
      if (e.type === 'done' || e.type === 'failed') {
        lastResult = performance.now();
        const r = e.result;
        process.stderr.write(
          `    ${r.id}: ${r.error ? `FAILED (${r.failedAt}) ${r.error.slice(0, 160)}` : `${(r.sizeBytes / 1e6).toFixed(1)} MB${r.importMs === undefined ? '' : `, cold start ${r.importMs.toFixed(0)} ms CPU`}`} build ${r.buildSeconds}s\n`,
        );
      } else if (e.type !== 'progress' && 'id' in e) lastPhase.set(e.id, performance.now());
      if (e.type === 'startup-rechecked') recheck = recheckedLine(e);
      if (e.type === 'race-end') results = e.results;
    }
  } finally {
    clearInterval(sampler);
  }
  const foregroundEnd = Math.max(
    started,
    ...results.map((r) => (lastPhase.get(r.id) ?? started) + (r.stageSeconds.startup ?? 0) * 1000),
  );
  return {
    results,
    wallSeconds: (performance.now() - started) / 1000,
    peakRssBytes: peak,
    tailSeconds: Math.max(0, (lastResult - foregroundEnd) / 1000),
    ...(recheck ? { recheck } : {}),
  };
}
