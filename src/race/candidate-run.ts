import { createHash } from 'node:crypto';
import { candidateTag, sessionLabels } from '../docker/labels.js';
import { summariseUsage, untouchedParts } from '../image/floor.js';
import { type ImageFs, scanImageTar } from '../image/image-fs.js';
import { auditLibraries } from '../image/library-audit.js';
import { parseSmokeOutput, SMOKE_PROGRAM, type SmokeResult, smokeArgv } from '../image/smoke.js';
import { parseUsage, type Usage } from '../image/usage.js';
import type { Candidate } from '../strategies/types.js';
import { type BuildContext, buildCandidate } from './candidate-build.js';
import { measureImportMs } from './import-time.js';
import { importsKey, type MeasureCache, type Measurements, measurementKey } from './measure-cache.js';
import { emptyResult, type Result } from './types.js';

export interface CandidateContext extends BuildContext {
  sessionId: string;
  appModules: string[];
  entry?: string[];
  smokeTimeoutMs: number;
  /** Runs of the cold-start timing after a passing smoke test; 0: not measured. */
  importRuns: number;
  /**
   * The candidate re-rendered with the modules its smoke test imported (bytecode 'imports'), or
   * undefined when its policy compiles nothing more. Its image is then built again (every layer
   * but the compile step comes from the cache) and that image is the one measured and shipped.
   */
  withImports?: (c: Candidate, modules: string[]) => Candidate | undefined;
  /** Measurements of images seen before (same layers, same bytes). */
  cache?: MeasureCache;
  /** Compressed layer sizes shared by the whole race (and kept on disk through the cache). */
  layerSizes: Map<string, number>;
  /** Queues work off the race's critical path (one job at a time); resolves when the job is done. */
  later: (job: () => Promise<void>) => Promise<void>;
  /** Called once the first build is over (either way): followers sharing the builder may start. */
  onBuilt: () => void;
}

export interface CandidateRun {
  result: Result;
  /** The compressed-size measurement, running in the background; the result is final after it. */
  finishing: Promise<void>;
}

type Stage = NonNullable<Result['failedAt']>;

/**
 * Build → inspect → smoke (records what start-up imports) → for bytecode 'imports' a second short
 * build that compiles exactly those → audit → smoke of the final image → cold start; the
 * compressed size follows in the background. Never throws: failures become the Result.
 */
export async function runCandidate(
  c: Candidate,
  ctx: CandidateContext,
  signal: AbortSignal,
): Promise<CandidateRun> {
  const result = emptyResult(c.id, candidateTag(ctx.sessionId, c.id));
  const labels = sessionLabels(ctx.sessionId, c.id);
  const idle = Promise.resolve();
  let stage: Stage = 'build';
  let t = Date.now();
  const lap = (name: string) => {
    result.stageSeconds[name] = Math.round((Date.now() - t) / 100) / 10;
    t = Date.now();
  };
  const stopped = () => {
    if (signal.aborted) fail(result, signal, stage, 'stopped');
    return signal.aborted;
  };
  try {
    ctx.emit({ type: 'building', id: c.id });
    const first = await buildCandidate(c, ctx, result, labels, signal).finally(ctx.onBuilt);
    result.buildSeconds = first.seconds;
    if (first.end.type === 'failed') {
      result.logTail = first.end.logTail;
      return { result: fail(result, signal, 'build', first.end.message), finishing: idle };
    }
    t = Date.now();
    stage = 'inspect';
    ctx.emit({ type: 'inspecting', id: c.id });
    let info = await ctx.engine.inspectImage(result.image);
    lap('inspect');

    // What start-up imports: remembered for this very image (a warm re-run), else recorded now.
    const recordKey = importsKey(info.diffIds, { ...smokeArgs(c, ctx), program: PROGRAM_DIGEST });
    let modules = ctx.withImports ? await ctx.cache?.getImports(recordKey) : undefined;
    let checked: Checked | undefined;
    if (!modules) {
      stage = 'smoke';
      ctx.emit({ type: 'smoke', id: c.id });
      checked = await smoke(c, ctx, result.image, labels, signal);
      lap('smoke');
      if (stopped()) return { result, finishing: idle };
      if (checked.smoke.ok && checked.usage && ctx.withImports) {
        modules = checked.usage.modules;
        await ctx.cache?.setImports(recordKey, modules);
      }
    }
    const rebuilt = modules ? ctx.withImports?.(c, modules) : undefined;
    if (rebuilt && rebuilt.dockerfile !== c.dockerfile) {
      stage = 'build';
      ctx.emit({ type: 'bytecode', id: c.id });
      const second = await buildCandidate(rebuilt, { ...ctx, noCache: false }, result, labels, signal);
      if (second.end.type === 'failed') {
        result.logTail = second.end.logTail;
        return {
          result: fail(result, signal, 'build', `bytecode step: ${second.end.message}`),
          finishing: idle,
        };
      }
      const before = info.sizeBytes;
      info = await ctx.engine.inspectImage(result.image);
      result.dockerfile = rebuilt.dockerfile;
      result.bytecode = { modules: modules?.length ?? 0, bytes: info.sizeBytes - before };
      lap('bytecode');
    }
    result.imageId = info.id;
    Object.assign(result, { sizeBytes: info.sizeBytes, layers: info.layers, layerCount: info.layerCount });
    result.user = info.user;

    stage = 'audit';
    ctx.emit({ type: 'audit', id: c.id });
    const ldPath = info.env.find((e) => e.startsWith('LD_LIBRARY_PATH='))?.slice('LD_LIBRARY_PATH='.length);
    // Not the image id: it changes with every session's labels while the bytes stay the same.
    const key = measurementKey(info.diffIds, ldPath ?? '', c.workdir);
    const known = await ctx.cache?.get(key);
    let files: ImageFs | undefined;
    const exported = async () => {
      files ??= await scanImageTar(await ctx.engine.exportFiles(result.image, labels));
      return files;
    };
    if (known) {
      Object.assign(result, { hasShell: known.hasShell, missingLibraries: known.missingLibraries });
    } else {
      const audit = auditLibraries(await exported(), ldPath ? { ldLibraryPath: ldPath } : {});
      result.hasShell = audit.hasShell;
      result.missingLibraries = audit.missing;
    }
    lap('audit');
    if (stopped()) return { result, finishing: idle };

    if (result.dockerfile || !checked) {
      // The verdict is the shipped image's, and so is what it used (its .pyc loaded, this time).
      stage = 'smoke';
      ctx.emit({ type: 'smoke', id: c.id });
      checked = await smoke(c, ctx, result.image, labels, signal);
      lap('smoke');
    }
    result.smoke = { ok: checked.smoke.ok, failures: checked.smoke.failures };
    const usage = checked.usage;
    if (usage) {
      result.used = summariseUsage(usage, c.workdir);
      const digest = usageDigest(usage);
      if (known?.untouched?.usage === digest) {
        result.untouched = { filesBytes: known.untouched.filesBytes, parts: known.untouched.parts };
      } else {
        result.untouched = untouchedParts(await exported(), usage, c.workdir);
      }
      lap('untouched');
    }
    files = undefined;
    if (stopped()) return { result, finishing: idle };

    const problems = [
      ...result.missingLibraries.map(
        (m) => `${m.soname} is missing (needed by ${m.neededBy}${m.package ? `; install ${m.package}` : ''})`,
      ),
      ...result.smoke.failures.map((f) => `${f.module} fails: ${f.error}`),
    ];
    if (problems.length > 0) {
      result.error = problems.join('; ');
      result.failedAt = result.missingLibraries.length > 0 ? 'audit' : 'smoke';
    } else if (ctx.importRuns > 0) {
      // A measurement, not a verdict: a failure here leaves importMs unset.
      ctx.emit({ type: 'startup', id: c.id });
      const req = { image: result.image, python: c.python, workdir: c.workdir, labels, signal };
      const time = await measureImportMs(ctx.engine, {
        ...req,
        modules: ctx.appModules,
        runs: ctx.importRuns,
      }).catch(() => undefined);
      if (time) Object.assign(result, { importMs: time.cpuMs, importWallMs: time.wallMs });
      lap('startup');
    }
    const keep: Measurements = {
      compressedBytes: known?.compressedBytes ?? 0,
      hasShell: result.hasShell,
      missingLibraries: result.missingLibraries,
      ...(result.untouched && usage ? { untouched: { ...result.untouched, usage: usageDigest(usage) } } : {}),
    };
    const finishing = ctx.later(() =>
      signal.aborted ? Promise.resolve() : compress(result, ctx, key, keep),
    );
    return { result, finishing };
  } catch (e) {
    return {
      result: fail(result, signal, stage, e instanceof Error ? e.message : String(e)),
      finishing: idle,
    };
  }
}

type Checked = { smoke: SmokeResult; usage?: Usage };

/** What recorded an import list: a changed smoke program records it again (measure-cache.ts). */
const PROGRAM_DIGEST = createHash('sha256').update(SMOKE_PROGRAM).digest('hex').slice(0, 16);

function smokeArgs(c: Candidate, ctx: CandidateContext) {
  return { appModules: ctx.appModules, workdir: c.workdir, ...(ctx.entry ? { entry: ctx.entry } : {}) };
}

/** The smoke test in a fresh container (network none, the image's own user), with what it used. */
async function smoke(
  c: Candidate,
  ctx: CandidateContext,
  image: string,
  labels: Record<string, string>,
  signal: AbortSignal,
): Promise<Checked> {
  const run = await ctx.engine.run({
    image,
    argv: smokeArgv(c.python, smokeArgs(c, ctx)),
    network: 'none',
    labels,
    timeoutMs: ctx.smokeTimeoutMs,
    signal,
    ...(c.workdir ? { workdir: c.workdir } : {}),
  });
  const smoke = parseSmokeOutput(run.stdout, run.stderr, run.exitCode);
  if (run.timedOut) {
    smoke.ok = false;
    smoke.failures.push({ module: '<smoke>', error: `timed out after ${ctx.smokeTimeoutMs} ms` });
  }
  const usage = parseUsage(run.stdout);
  return usage ? { smoke, usage } : { smoke };
}

/** The compressed size (the slowest measurement: gzip of every new layer), then the cache entry. */
async function compress(result: Result, ctx: CandidateContext, key: string, keep: Measurements) {
  const t = Date.now();
  if (!keep.compressedBytes) {
    keep.compressedBytes = await ctx.engine.compressedSize(result.image, ctx.layerSizes).catch(() => 0);
    await ctx.cache?.saveLayerSizes();
  }
  result.compressedBytes = keep.compressedBytes;
  result.stageSeconds.compress = Math.round((Date.now() - t) / 100) / 10;
  if (keep.compressedBytes) await ctx.cache?.set(key, keep);
}

function usageDigest(u: Usage): string {
  return createHash('sha256')
    .update(u.files.map((f) => `${f.path}\0${f.bytes}\0${f.kind}`).join('\n'))
    .digest('hex');
}

function fail(result: Result, signal: AbortSignal, stage: Stage, message: string): Result {
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
