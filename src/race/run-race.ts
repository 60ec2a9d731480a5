import { DEFAULT_CONTEXT_LIMIT, scanContext } from '../docker/build-context.js';
import { cleanupSession } from '../docker/cleanup.js';
import type { Engine } from '../docker/engine.js';
import type { Candidate, StrategyId } from '../strategies/types.js';
import { AsyncQueue } from './async-queue.js';
import { runCandidate } from './candidate-run.js';
import type { MeasureCache } from './measure-cache.js';
import { schedule } from './schedule.js';
import { recheckStartup } from './startup-recheck.js';
import { DEFAULT_THROTTLE_MS } from './throttle.js';
import { emptyResult, type RaceEvent, type Result } from './types.js';

export interface RaceOptions {
  /** Labels every image/container; cleanup removes by it. */
  sessionId: string;
  /** The project directory (build context). */
  contextDir: string;
  concurrency?: number;
  /**
   * Network mode for builds; default: the engine's default, or 'host' when the engine has no
   * bridge network. Smoke tests always use 'none'.
   */
  network?: string;
  /** Passed to every build, e.g. PIP_INDEX_URL. */
  buildArgs?: Record<string, string>;
  /** BuildKit secrets (id → content) every build may mount, e.g. the index's netrc. */
  secrets?: Record<string, string>;
  /** Per candidate, build to smoke (default 20 minutes). */
  timeoutMs?: number;
  smokeTimeoutMs?: number;
  signal?: AbortSignal;
  /** The app's own modules, imported by the smoke test. */
  appModules?: string[];
  /** The entry command, checked to resolve in the image. */
  entry?: string[];
  /** Build without the builder cache (--no-cache). */
  noCache?: boolean;
  /** Keep images at the end (--keep). */
  keep?: boolean;
  contextLimitBytes?: number;
  throttleMs?: number;
  /**
   * Cold-start timing runs per passing candidate (the least CPU time reported as Result.importMs,
   * the median wall time as importWallMs); default IMPORT_RUNS, 0 turns it off.
   */
  importRuns?: number;
  /** Measurements by image id, kept between runs (see measure-cache.ts). */
  cache?: MeasureCache;
  /** Re-renders a candidate with its recorded start-up imports (bytecode 'imports'), see CandidateContext. */
  withImports?: (c: Candidate, modules: string[]) => Candidate | undefined;
  /**
   * Which of the passing, timed results to measure again side by side at the end (the winner
   * rule's contenders: src/report's startupContenders, handed in so the rule stays in one place);
   * none when absent or fewer than two.
   */
  contenders?: (timed: Result[]) => StrategyId[];
}

/** Fresh interpreters per cold-start measurement (and per recheck turn): ~1 s per candidate. */
export const IMPORT_RUNS = 5;

/** A queue of one: background jobs (compressed sizes) run one after another, never two gzips at once. */
function serial(): (job: () => Promise<void>) => Promise<void> {
  let tail = Promise.resolve();
  return (job) => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run.catch(() => undefined);
  };
}

type Reason = { slimPy: 'timeout' | 'cancelled'; message: string };

/**
 * Runs every candidate through the engine with bounded concurrency and yields typed events.
 * A candidate failing never stops the others; each has a timeout; aborting `signal` stops the
 * builds. Everything labelled with the session is removed at the end (unless keep), also when
 * the consumer stops iterating early.
 */
export async function* race(
  candidates: Candidate[],
  engine: Engine,
  opts: RaceOptions,
): AsyncGenerator<RaceEvent> {
  const info = await engine.connect();
  const network = opts.network ?? (info.bridge ? undefined : 'host');
  // Measured before anything starts: an oversized context is a UserError, not N failed builds.
  const plan = await scanContext(opts.contextDir, opts.contextLimitBytes ?? DEFAULT_CONTEXT_LIMIT);
  const stopAll = new AbortController();
  const onOuterAbort = () => stopAll.abort({ slimPy: 'cancelled', message: 'cancelled' } satisfies Reason);
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const queue = new AsyncQueue<RaceEvent>();
  const { order, waitsFor } = schedule(candidates);
  // Resolved when a candidate's build is over (or it will never build): its followers may start.
  const settled = new Set<StrategyId>();
  const built = new Map<StrategyId, { done: Promise<void>; resolve: () => void }>();
  for (const c of candidates) {
    let resolve = () => {};
    const done = new Promise<void>((r) => {
      resolve = () => {
        settled.add(c.id);
        r();
      };
    });
    built.set(c.id, { done, resolve });
  }
  const results = new Map<StrategyId, Result>();
  const pending = [...order];
  // Compressed sizes run in the background, one at a time, sharing what they learnt about layers.
  const later = serial();
  const layerSizes = (await opts.cache?.layerSizes()) ?? new Map<string, number>();
  const finishing: Promise<void>[] = [];
  const timeoutMs = opts.timeoutMs ?? 20 * 60_000;

  const finish = (r: Result) => {
    results.set(r.id, r);
    queue.push({ type: r.error ? 'failed' : 'done', id: r.id, result: r });
  };

  const worker = async () => {
    while (pending.length > 0) {
      if (stopAll.signal.aborted) {
        for (const c of pending.splice(0)) {
          built.get(c.id)?.resolve();
          finish({ ...emptyResult(c.id, ''), failedAt: 'cancelled', error: 'cancelled before it started' });
        }
        return;
      }
      const idx = pending.findIndex((c) => {
        const leader = waitsFor.get(c.id);
        return leader === undefined || settled.has(leader);
      });
      if (idx < 0) {
        // Every pending candidate waits for a leader still building.
        await Promise.race(pending.map((c) => built.get(waitsFor.get(c.id) as StrategyId)?.done));
        continue;
      }
      const [c] = pending.splice(idx, 1) as [Candidate];
      const own = new AbortController();
      const timer = setTimeout(
        () => own.abort({ slimPy: 'timeout', message: `timed out after ${Math.round(timeoutMs / 1000)} s` }),
        timeoutMs,
      );
      const relay = () => own.abort(stopAll.signal.reason);
      stopAll.signal.addEventListener('abort', relay, { once: true });
      try {
        const run = await runCandidate(
          c,
          {
            engine,
            plan,
            builder: info.builder,
            sessionId: opts.sessionId,
            buildArgs: opts.buildArgs ?? {},
            ...(opts.secrets ? { secrets: opts.secrets } : {}),
            appModules: opts.appModules ?? [],
            smokeTimeoutMs: opts.smokeTimeoutMs ?? 120_000,
            importRuns: opts.importRuns ?? IMPORT_RUNS,
            ...(opts.cache ? { cache: opts.cache } : {}),
            ...(opts.withImports ? { withImports: opts.withImports } : {}),
            layerSizes,
            later,
            throttleMs: opts.throttleMs ?? DEFAULT_THROTTLE_MS,
            emit: (e) => queue.push(e),
            onBuilt: () => built.get(c.id)?.resolve(),
            ...(network ? { network } : {}),
            ...(opts.noCache ? { noCache: true } : {}),
            ...(opts.entry ? { entry: opts.entry } : {}),
          },
          own.signal,
        );
        // The slot is free for the next build while the compressed size is measured.
        finishing.push(run.finishing.then(() => finish(run.result)));
      } finally {
        clearTimeout(timer);
        stopAll.signal.removeEventListener('abort', relay);
        built.get(c.id)?.resolve();
      }
    }
  };
  // After every build and gzip: the contenders' cold starts again, on a machine left to them.
  const recheck = async () => {
    if (!opts.contenders || stopAll.signal.aborted) return;
    const timed = [...results.values()].filter((r) => !r.error && r.importMs !== undefined);
    const ids = opts.contenders(timed);
    const contenders = ids.flatMap((id) => {
      const candidate = candidates.find((c) => c.id === id);
      const result = results.get(id);
      return candidate && result?.importMs !== undefined ? [{ candidate, result }] : [];
    });
    if (contenders.length < 2) return;
    queue.push({ type: 'startup-recheck', ids: contenders.map((x) => x.result.id) });
    const before = contenders.map((x) => x.result.importMs ?? 0);
    const started = Date.now();
    await recheckStartup({
      engine,
      sessionId: opts.sessionId,
      appModules: opts.appModules ?? [],
      runs: opts.importRuns ?? IMPORT_RUNS,
      signal: stopAll.signal,
      contenders,
    });
    queue.push({
      type: 'startup-rechecked',
      figures: contenders.map((x, i) => ({
        id: x.result.id,
        before: before[i]!,
        after: x.result.importMs ?? 0,
      })),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
  };
  let workersDone: Promise<unknown> = Promise.resolve();
  let removed: { containers: number; images: number } | undefined;
  try {
    yield {
      type: 'race-start',
      engine: {
        builder: info.builder,
        host: info.host,
        kind: info.kind,
        serverVersion: info.serverVersion,
        ...(network ? { network } : {}),
      },
      candidates: candidates.map((c) => c.id),
    };
    for (const c of order) yield { type: 'queued', id: c.id };
    const n = Math.max(1, Math.min(opts.concurrency ?? 2, candidates.length));
    workersDone = Promise.all(Array.from({ length: n }, worker))
      .then(() => Promise.all(finishing))
      .then(() => recheck())
      .finally(() => queue.close());
    for await (const ev of queue) yield ev;
    await workersDone;
  } finally {
    // Also reached when the consumer stops early (return()/throw()): stop, wait, clean.
    if (!stopAll.signal.aborted && results.size < candidates.length) onOuterAbort();
    await workersDone.catch(() => undefined);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    if (!opts.keep) removed = await cleanup(engine, opts.sessionId, stopAll.signal.aborted);
  }
  yield {
    type: 'race-end',
    results: candidates.map((c) => results.get(c.id) ?? { ...emptyResult(c.id, ''), error: 'not run' }),
    cancelled: stopAll.signal.aborted,
    ...(removed ? { removed } : {}),
  };
}

/** After a cancel the engine may still commit an image it was finishing: clean twice. */
async function cleanup(engine: Engine, sessionId: string, cancelled: boolean) {
  const count = { containers: 0, images: 0 };
  for (let pass = 0; pass < (cancelled ? 2 : 1); pass++) {
    if (pass > 0) await new Promise((r) => setTimeout(r, 1500));
    const r = await cleanupSession(engine, sessionId).catch(() => ({ containers: [], images: [] }));
    count.containers += r.containers.length;
    count.images += r.images.length;
  }
  return count;
}
