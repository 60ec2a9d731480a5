import { type ContextPlan, dockerfilePath, packContext } from '../docker/build-context.js';
import { countBuildkitSteps } from '../docker/dockerfile-steps.js';
import type { BuildEvent, BuilderKind, Engine } from '../docker/engine.js';
import { candidateTag, sessionLabels } from '../docker/labels.js';
import { LOG_TAIL_LINES } from '../docker/progress.js';
import { footprint } from '../image/footprint.js';
import { scanImageTar } from '../image/image-fs.js';
import { auditLibraries } from '../image/library-audit.js';
import { parseSmokeOutput, smokeArgv } from '../image/smoke.js';
import type { Candidate } from '../strategies/types.js';
import { measureImportMs } from './import-time.js';
import { type MeasureCache, measurementKey } from './measure-cache.js';
import { inspectRuntimeBase } from './runtime-base.js';
import { createThrottle } from './throttle.js';
import { emptyResult, type RaceEvent, type Result } from './types.js';

export interface CandidateContext {
  engine: Engine;
  plan: ContextPlan;
  builder: BuilderKind;
  sessionId: string;
  network?: string;
  noCache?: boolean;
  buildArgs: Record<string, string>;
  appModules: string[];
  entry?: string[];
  smokeTimeoutMs: number;
  /** Runs of the cold-import timing after a passing smoke test; 0 or absent: not measured. */
  importRuns?: number;
  /** Measurements of images seen before (same image id, same bytes). */
  cache?: MeasureCache;
  throttleMs: number;
  emit: (e: RaceEvent) => void;
  /** Called once the build step is over (either way): followers sharing the builder may start. */
  onBuilt: () => void;
}

/** Build → inspect → audit → smoke for one candidate. Never throws: failures become the Result. */
export async function runCandidate(
  c: Candidate,
  ctx: CandidateContext,
  signal: AbortSignal,
): Promise<Result> {
  const result = emptyResult(c.id, candidateTag(ctx.sessionId, c.id));
  const labels = sessionLabels(ctx.sessionId, c.id);
  let stage: NonNullable<Result['failedAt']> = 'build';
  try {
    ctx.emit({ type: 'building', id: c.id });
    const built = await build(c, ctx, result, labels, signal).finally(ctx.onBuilt);
    if (built.type === 'failed') {
      result.logTail = built.logTail;
      return fail(result, signal, 'build', built.message);
    }
    result.imageId = built.imageId;

    stage = 'inspect';
    let t = Date.now();
    const lap = (name: string) => {
      result.stageSeconds[name] = Math.round((Date.now() - t) / 100) / 10;
      t = Date.now();
    };
    ctx.emit({ type: 'inspecting', id: c.id });
    const info = await ctx.engine.inspectImage(result.image);
    Object.assign(result, { sizeBytes: info.sizeBytes, layers: info.layers, layerCount: info.layerCount });
    result.user = info.user;
    lap('inspect');
    const ldPath = info.env.find((e) => e.startsWith('LD_LIBRARY_PATH='))?.slice('LD_LIBRARY_PATH='.length);
    // Not the image id: it changes with every session's labels while the bytes stay the same.
    const cacheKey = measurementKey(info.diffIds, ldPath ?? '', c.workdir);
    const known = await ctx.cache?.get(cacheKey);
    if (known) {
      Object.assign(result, known);
      lap('cached');
    } else {
      result.compressedBytes = await ctx.engine.compressedSize(result.image);
      lap('compress');
    }
    if (signal.aborted) return fail(result, signal, stage, 'stopped');

    stage = 'audit';
    ctx.emit({ type: 'audit', id: c.id });
    if (!known) {
      const files = await scanImageTar(await ctx.engine.exportFiles(result.image, labels));
      const audit = auditLibraries(files, ldPath ? { ldLibraryPath: ldPath } : {});
      // For the floor (src/image/floor.ts): where the bytes are.
      result.footprint = footprint(files, c.workdir);
      result.hasShell = audit.hasShell;
      result.missingLibraries = audit.missing;
      const { compressedBytes, hasShell, missingLibraries } = result;
      await ctx.cache?.set(cacheKey, {
        compressedBytes,
        hasShell,
        missingLibraries,
        footprint: result.footprint,
      });
    }
    // The runtime base the bytes sit on (for the floor).
    const runtimeBase = await inspectRuntimeBase(ctx.engine, c.dockerfile);
    if (runtimeBase) result.runtimeBase = runtimeBase;
    lap('audit');
    if (signal.aborted) return fail(result, signal, stage, 'stopped');

    stage = 'smoke';
    ctx.emit({ type: 'smoke', id: c.id });
    const args = {
      appModules: ctx.appModules,
      workdir: c.workdir,
      ...(ctx.entry ? { entry: ctx.entry } : {}),
    };
    const run = await ctx.engine.run({
      image: result.image,
      argv: smokeArgv(c.python, args),
      network: 'none',
      labels,
      timeoutMs: ctx.smokeTimeoutMs,
      signal,
      ...(c.workdir ? { workdir: c.workdir } : {}),
    });
    lap('smoke');
    const smoke = parseSmokeOutput(run.stdout, run.stderr, run.exitCode);
    if (run.timedOut)
      smoke.failures.push({ module: '<smoke>', error: `timed out after ${ctx.smokeTimeoutMs} ms` });
    result.smoke = { ok: smoke.ok && !run.timedOut, failures: smoke.failures };
    if (signal.aborted) return fail(result, signal, stage, 'stopped');

    const problems = [
      ...result.missingLibraries.map(
        (m) => `${m.soname} is missing (needed by ${m.neededBy}${m.package ? `; install ${m.package}` : ''})`,
      ),
      ...result.smoke.failures.map((f) => `${f.module} fails: ${f.error}`),
    ];
    if (problems.length > 0) {
      result.error = problems.join('; ');
      result.failedAt = result.missingLibraries.length > 0 ? 'audit' : 'smoke';
    } else if (ctx.importRuns) {
      // A measurement, not a verdict: a failure here leaves importMs unset.
      const modules = ctx.appModules;
      const req = { image: result.image, python: c.python, workdir: c.workdir, modules, labels, signal };
      result.importMs = await measureImportMs(ctx.engine, { ...req, runs: ctx.importRuns }).catch(
        () => undefined,
      );
      if (result.importMs === undefined) delete result.importMs;
      lap('import');
    }
    return result;
  } catch (e) {
    return fail(result, signal, stage, e instanceof Error ? e.message : String(e));
  }
}

async function build(
  c: Candidate,
  ctx: CandidateContext,
  result: Result,
  labels: Record<string, string>,
  signal: AbortSignal,
): Promise<Extract<BuildEvent, { type: 'built' | 'failed' }>> {
  const throttle = createThrottle(ctx.throttleMs);
  const send = (events: BuildEvent[]) => {
    for (const event of events) ctx.emit({ type: 'progress', id: c.id, event });
  };
  const ticker = setInterval(() => send(throttle.flush(Date.now())), ctx.throttleMs);
  const started = Date.now();
  try {
    const events = ctx.engine.build({
      context: packContext(ctx.plan, c.dockerfile, c.id, ctx.builder, c.files),
      dockerfile: dockerfilePath(c.id),
      tag: result.image,
      labels,
      buildArgs: ctx.buildArgs,
      signal,
      expectedSteps: countBuildkitSteps(c.dockerfile),
      ...(ctx.network ? { network: ctx.network } : {}),
      ...(ctx.noCache ? { noCache: true } : {}),
    });
    for await (const ev of events) {
      if (ev.type === 'log') {
        result.logTail.push(ev.line);
        if (result.logTail.length > LOG_TAIL_LINES) result.logTail.shift();
      }
      send(throttle.offer(ev, Date.now()));
      if (ev.type === 'built' || ev.type === 'failed') return ev;
    }
    return { type: 'failed', message: 'the build ended without a result', logTail: result.logTail };
  } finally {
    clearInterval(ticker);
    result.buildSeconds = Math.round((Date.now() - started) / 100) / 10;
  }
}

function fail(
  result: Result,
  signal: AbortSignal,
  stage: NonNullable<Result['failedAt']>,
  message: string,
): Result {
  const reason = signal.reason as { slimPy?: 'timeout' | 'cancelled'; message?: string } | undefined;
  if (signal.aborted && reason?.slimPy) {
    result.failedAt = reason.slimPy;
    result.error = reason.message ?? message;
  } else {
    result.failedAt = stage;
    result.error = message;
  }
  return result;
}
