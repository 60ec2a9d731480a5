import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { newSessionId } from '../../src/docker/labels.js';
import { diskMeasureCache } from '../../src/race/measure-cache.js';
import { rank } from '../../src/report/leaderboard.js';
import { type PlanResult, planProject } from '../../src/session/plan.js';
import { buildArgs, replanWithImports } from '../../src/strategies/index.js';
import { pruneBuildCache } from './engine-admin.js';
import { machineState } from './machine.js';
import { type RaceRun, type RaceRunOptions, raceOnce } from './race-once.js';
import { seedCandidates } from './seeds.js';
import { summarise } from './summary.js';
import type { BenchProject } from './types.js';
import { bytecodeVariants } from './variants.js';

/** No Alpine stand-ins exist here; the rest run. */
const SKIP = new Set(['alpine', 'multistage-alpine']);

export interface ProjectBenchOptions {
  dir: string;
  name: string;
  /** Undefined: the project's own (.python-version). */
  python?: string;
  images: string[];
  indexUrl: string;
  engine: DockerodeEngine;
  /** Prune the build cache before each cold race (the bench's own right; off for development runs). */
  prune: boolean;
  singles: boolean;
}

const freshCache = () => diskMeasureCache(mkdtempSync(join(tmpdir(), 'slim-py-bench-cache-')), 'bench');

/**
 * One project: a cold race of every local strategy (cold start and floor measured in it, as the
 * CLI does), a warm re-run, the seeds' recipes and the winner's bytecode variants in a race of
 * their own, and every candidate alone with a cold cache — all in one run.
 */
export async function benchProject(o: ProjectBenchOptions): Promise<BenchProject> {
  const plan: PlanResult = await planProject({
    dir: o.dir,
    ...(o.python ? { python: o.python } : {}),
    images: o.images,
    indexUrl: o.indexUrl,
    offline: false,
  });
  const python = plan.options.python;
  const log = (s: string) => process.stderr.write(`[bench ${o.name} ${python}] ${s}\n`);
  const ours = plan.candidates.filter((c) => c.applicable && !SKIP.has(c.id));
  const input = { project: plan.project, verdicts: plan.verdicts, options: plan.options };
  const base: Omit<RaceRunOptions, 'sessionId' | 'keep'> = {
    contextDir: plan.project.root,
    buildArgs: buildArgs(plan.options) ?? {},
    appModules: plan.project.appModules,
    network: 'host',
    concurrency: 2,
    withImports: replanWithImports(() => input),
    ...(plan.options.entry ? { entry: plan.options.entry } : {}),
  };
  const docker = o.engine.docker;
  const session = (kind: string) => `bench-${kind}-${newSessionId()}`;
  const before = await machineState(docker, 'bench-');

  log(`cold race of ${ours.map((c) => c.id).join(', ')}${o.prune ? '' : ' (build cache NOT pruned)'}`);
  if (o.prune) await pruneBuildCache(docker);
  // A new, empty measurement cache: the cold race fills it, the warm re-run finds it, as two CLI
  // runs on a user's machine would.
  const cache = freshCache();
  const cold = await raceOnce(ours, o.engine, { ...base, sessionId: session('cold'), keep: false, cache });
  log(`cold race: ${cold.wallSeconds.toFixed(1)} s; warm re-run`);
  const warm = await raceOnce(ours, o.engine, { ...base, sessionId: session('warm'), keep: false, cache });

  const winner = rank(cold.results).winner;
  const variants = winner ? bytecodeVariants(plan, [winner]) : [];
  const seeds = seedCandidates(input);
  log(`seeds and ${variants.map((v) => v.id).join(', ')}`);
  const extra = await raceOnce([...seeds, ...variants], o.engine, {
    ...base,
    sessionId: session('seeds'),
    keep: false,
    cache: freshCache(),
  });

  const singles = new Map<string, RaceRun>();
  if (o.singles) {
    for (const c of ours) {
      if (o.prune) await pruneBuildCache(docker);
      log(`alone, cold: ${c.id}`);
      // A fresh engine and cache: nothing compressed or measured before, as in a user's single build.
      const one = await raceOnce([c], new DockerodeEngine(), {
        ...base,
        sessionId: session('one'),
        keep: false,
        cache: freshCache(),
      });
      singles.set(c.id, one);
    }
  }
  const after = await machineState(docker, 'bench-');
  return summarise({ ...o, python, cold, warm, extra, singles, machine: { before, after } });
}
