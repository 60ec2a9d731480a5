/**
 * `npm run bench [-- --quick] [-- --projects a,b] [-- --skip-singles]`: per bench project, a cold
 * race of every local slim-py strategy, a warm re-run, the seeds' recipes through the same engine,
 * and each candidate built alone cold. Figures side by side, never a timed test.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { newSessionId } from '../../src/docker/labels.js';
import { diskMeasureCache } from '../../src/race/measure-cache.js';
import type { Result } from '../../src/race/types.js';
import { passed, rank } from '../../src/report/leaderboard.js';
import { type PlanResult, planProject } from '../../src/session/plan.js';
import { buildArgs } from '../../src/strategies/index.js';
import { pruneBuildCache } from './engine-admin.js';
import { measureFirstFrame } from './first-frame.js';
import { type RaceRun, type RaceRunOptions, raceOnce } from './race-once.js';
import { benchMarkdown } from './report.js';
import { seedCandidates } from './seeds.js';
import type { BenchCandidate, BenchProject, BenchRun } from './types.js';
import { compileVariants } from './variants.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/bench');
const QUICK_PROJECT = 'flask-gunicorn';
/** Cold-import timing runs per candidate (the median is reported). */
const IMPORT_RUNS = 5;
/** No Alpine stand-ins exist here; the rest run. */
const SKIP = new Set(['alpine', 'multistage-alpine']);

function args() {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    quick: argv.includes('--quick'),
    skipSingles: argv.includes('--skip-singles'),
    projects: value('--projects')?.split(',').filter(Boolean),
  };
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) {
    process.stderr.write(
      `bench: ${name} is not set. Start the test environment (.ci/run) and \`source .ci/work/env.sh\`.\n`,
    );
    process.exit(2);
  }
  return v;
}

async function benchProject(name: string, engine: DockerodeEngine, skipSingles: boolean) {
  const log = (s: string) => process.stderr.write(`[bench ${name}] ${s}\n`);
  const dir = join(FIXTURES, name);
  const images = env('SLIMPY_TEST_IMAGES').split(/\s+/).filter(Boolean);
  // The project's own .python-version (the 3.13 ones), else 3.11: the local index's wheels are cp311.
  const declared = existsSync(join(dir, '.python-version'));
  const plan: PlanResult = await planProject({
    dir,
    ...(declared ? {} : { python: '3.11' }),
    images,
    indexUrl: env('SLIMPY_TEST_INDEX'),
    offline: false,
  });
  const ours = plan.candidates.filter((c) => c.applicable && !SKIP.has(c.id));
  const seeds = seedCandidates({ project: plan.project, verdicts: plan.verdicts, options: plan.options });
  const base: Omit<RaceRunOptions, 'sessionId' | 'keep'> = {
    contextDir: plan.project.root,
    buildArgs: buildArgs(plan.options) ?? {},
    appModules: plan.project.appModules,
    network: 'host',
    concurrency: 2,
    ...(plan.options.entry ? { entry: plan.options.entry } : {}),
  };
  const docker = engine.docker;

  log(`Python ${plan.options.python}: cold race of ${ours.map((c) => c.id).join(', ')}`);
  await pruneBuildCache(docker);
  // A new, empty measurement cache: the cold race fills it, the warm re-run finds it, as two CLI
  // runs on a user's machine would.
  const cache = diskMeasureCache(mkdtempSync(join(tmpdir(), 'slim-py-bench-cache-')), 'bench');
  const cold = await raceOnce(ours, engine, {
    ...base,
    sessionId: `bench-${newSessionId()}`,
    keep: false,
    cache,
  });
  log(`cold race: ${cold.wallSeconds.toFixed(1)} s; warm re-run`);
  const warm = await raceOnce(ours, engine, {
    ...base,
    sessionId: `bench-warm-${newSessionId()}`,
    keep: false,
    cache,
  });
  // Sizes of the seeds and cold import times of everything, in a race of its own so the timing
  // runs never count in the race wall times above.
  const winner = rank(cold.results).winner;
  const variants = winner ? compileVariants(plan, [winner]) : [];
  log(`seeds, ${variants.map((v) => v.id).join(', ')} and import times (${IMPORT_RUNS} runs each)`);
  const measured = await raceOnce([...ours, ...seeds, ...variants], engine, {
    ...base,
    sessionId: `bench-measure-${newSessionId()}`,
    keep: false,
    importRuns: IMPORT_RUNS,
  });

  const singles = new Map<string, { build: number; wall: number }>();
  if (!skipSingles) {
    for (const c of ours) {
      await pruneBuildCache(docker);
      log(`alone, cold: ${c.id}`);
      // A fresh engine: its compressed-size layer cache starts empty, as in a user's single build.
      const one = await raceOnce([c], new DockerodeEngine(), {
        ...base,
        sessionId: `bench-one-${newSessionId()}`,
        keep: false,
      });
      singles.set(c.id, { build: one.results[0]?.buildSeconds ?? 0, wall: one.wallSeconds });
    }
  }
  return summarise(name, dir, cold, warm.wallSeconds, measured.results, singles);
}

function summarise(
  name: string,
  dir: string,
  cold: RaceRun,
  warmWall: number,
  measured: Result[],
  singles: Map<string, { build: number; wall: number }>,
): BenchProject {
  const board = rank(cold.results);
  const floor = board.floor?.bytes;
  const imports = new Map(measured.map((r) => [r.id as string, r.importMs]));
  const kindOf = (id: string): BenchCandidate['kind'] =>
    id.startsWith('seed-') ? 'seed' : id.includes('+') ? 'variant' : 'slim-py';
  const row = (r: Result): BenchCandidate => {
    const s = singles.get(r.id);
    const ms = imports.get(r.id);
    return {
      id: r.id,
      kind: kindOf(r.id),
      passed: passed(r),
      sizeBytes: r.sizeBytes,
      raceBuildSeconds: r.buildSeconds,
      ...(s ? { singleBuildSeconds: s.build, singleWallSeconds: s.wall } : {}),
      ...(ms !== undefined ? { importMs: ms } : {}),
      ...(floor && r.sizeBytes ? { timesFloor: r.sizeBytes / floor } : {}),
      ...(r.error ? { error: r.error.slice(0, 300) } : {}),
    };
  };
  const extra = measured.filter((r) => kindOf(r.id) !== 'slim-py');
  const candidates = [...cold.results.map(row), ...extra.map(row)];
  const winner = cold.results.find((r) => r.id === board.winner);
  const baseline = cold.results.find((r) => r.id === board.baseline);
  const bestSeed = extra
    .filter((r) => kindOf(r.id) === 'seed' && passed(r))
    .sort((a, b) => a.sizeBytes - b.sizeBytes)[0];
  const slowest = [...singles.entries()].sort((a, b) => b[1].wall - a[1].wall)[0];
  const winnerRow = board.rows.find((r) => r.id === board.winner);
  return {
    name,
    dir,
    candidates,
    raceWallSeconds: cold.wallSeconds,
    warmWallSeconds: warmWall,
    peakRssBytes: cold.peakRssBytes,
    ...(slowest
      ? {
          slowestSingle: { id: slowest[0], wallSeconds: slowest[1].wall, buildSeconds: slowest[1].build },
          sumSingleWallSeconds: [...singles.values()].reduce((a, x) => a + x.wall, 0),
        }
      : {}),
    ...(baseline ? { baseline: baseline.id } : {}),
    ...(winner ? { winner: winner.id } : {}),
    ...(bestSeed ? { bestSeed: bestSeed.id } : {}),
    ...(winner && baseline ? { winnerVsBaseline: winner.sizeBytes / baseline.sizeBytes } : {}),
    ...(winner && bestSeed ? { winnerVsBestSeed: winner.sizeBytes / bestSeed.sizeBytes } : {}),
    ...(board.floor ? { floorBytes: board.floor.bytes, floor: board.floor } : {}),
    ...(floor && winner ? { winnerVsFloor: winner.sizeBytes / floor } : {}),
    ...(winnerRow?.aboveFloor?.length
      ? { floorNotes: winnerRow.aboveFloor.map((a) => `${(a.bytes / 1e6).toFixed(1)} MB: ${a.what}`) }
      : {}),
  };
}

async function main() {
  const a = args();
  const all = readdirSync(FIXTURES).sort();
  const names = a.quick ? [QUICK_PROJECT] : (a.projects ?? all);
  for (const n of names) {
    if (!all.includes(n)) {
      process.stderr.write(`bench: no project ${n} under test/fixtures/bench (have: ${all.join(', ')})\n`);
      process.exit(2);
    }
  }
  const engine = new DockerodeEngine();
  const info = await engine.connect();
  const run: BenchRun = {
    date: new Date().toISOString(),
    machine: {
      nproc: availableParallelism(),
      memoryBytes: totalmem(),
      docker: info.serverVersion,
      node: process.version,
      builder: info.builder,
    },
    projects: [],
  };
  const out = join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const stamp = run.date.replace(/[:.]/g, '-');
  // Written after every project: a crash of the engine late in the run keeps what was measured.
  const save = () => {
    writeFileSync(join(out, `${stamp}.md`), benchMarkdown(run));
    writeFileSync(join(out, `${stamp}.json`), `${JSON.stringify(run, null, 2)}\n`);
  };
  // Before the races: the machine is quiet, and a Docker-free figure needs no engine state.
  run.firstFrame = measureFirstFrame(ROOT, join(FIXTURES, names[0]!));
  process.stderr.write(`bench: wizard first frame ${run.firstFrame.wizardMs.toFixed(0)} ms\n`);
  save();
  const failed: string[] = [];
  for (const n of names) {
    try {
      run.projects.push(await benchProject(n, engine, a.skipSingles));
    } catch (e) {
      failed.push(n);
      process.stderr.write(`bench: ${n} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    save();
  }
  process.stdout.write(`${benchMarkdown(run)}\n`);
  process.stderr.write(`bench: wrote bench-results/${stamp}.md and .json\n`);
  if (failed.length > 0) {
    process.stderr.write(`bench: no figures for ${failed.join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
