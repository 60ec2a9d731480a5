/**
 * `npm run bench [-- --quick] [-- --projects a,b] [-- --python 3.11,3.13] [-- --skip-singles]
 * [-- --no-prune]`: per bench project and Python version, a cold race of every local slim-py
 * strategy (cold start and the floor measured in it), a warm re-run, the seeds' recipes and the
 * winner's bytecode variants, and each candidate built alone with a cold cache — figures side by
 * side from one run, never a timed test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { measureFirstFrame } from './first-frame.js';
import { measurePathological } from './pathological.js';
import { benchProject } from './project-bench.js';
import { benchMarkdown } from './report.js';
import { measureScale } from './scale.js';
import type { BenchRun } from './types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/bench');
const QUICK_PROJECT = 'flask-gunicorn';

function args() {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (flag: string) => value(flag)?.split(',').filter(Boolean);
  return {
    quick: argv.includes('--quick'),
    skipSingles: argv.includes('--skip-singles'),
    prune: !argv.includes('--no-prune'),
    projects: list('--projects'),
    pythons: list('--python'),
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
  const images = env('SLIMPY_TEST_IMAGES').split(/\s+/).filter(Boolean);
  const indexUrl = env('SLIMPY_TEST_INDEX');
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
    pruned: a.prune,
    projects: [],
    failures: [],
  };
  const out = join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const stamp = run.date.replace(/[:.]/g, '-');
  // Written after every project: a crash of the engine late in the run keeps what was measured.
  const save = () => {
    writeFileSync(join(out, `${stamp}.md`), benchMarkdown(run));
    writeFileSync(join(out, `${stamp}.json`), `${JSON.stringify(run, null, 2)}\n`);
  };
  // Before the races: the machine is quiet, and Docker-free figures need no engine state. Both
  // run the built CLI, as `npx slim-py` does: built now, so the figures are of this source.
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  run.scale = measureScale(ROOT);
  const big = run.scale.points.at(-1)!;
  process.stderr.write(
    `bench: plan on ${big.lines} requirement lines ${(big.cpuMs / 1000).toFixed(2)} s CPU, ${(big.maxRssBytes / 1e6).toFixed(0)} MB\n`,
  );
  run.firstFrame = measureFirstFrame(ROOT, join(FIXTURES, names[0]!));
  process.stderr.write(`bench: wizard first frame ${run.firstFrame.wizardMs.toFixed(0)} ms\n`);
  save();
  // --python: every project on each; else a project's own .python-version (the 3.13 ones), else
  // 3.11 (the local index's wheels are cp311).
  const pythonsOf = (name: string): (string | undefined)[] =>
    a.pythons ?? [existsSync(join(FIXTURES, name, '.python-version')) ? undefined : '3.11'];
  for (const name of names) {
    for (const python of pythonsOf(name)) {
      try {
        run.projects.push(
          await benchProject({
            dir: join(FIXTURES, name),
            name,
            ...(python ? { python } : {}),
            images,
            indexUrl,
            engine,
            prune: a.prune,
            singles: !a.skipSingles,
          }),
        );
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        run.failures.push({ project: name, python: python ?? 'its own', error: error.slice(0, 300) });
        process.stderr.write(`bench: ${name} on ${python ?? 'its own Python'} failed: ${error}\n`);
      }
      save();
    }
  }
  // In this process and after the races: the parsers' inputs grow the process to 1.1 GB (84 MB before), which it keeps,
  // run first, they made the races' peak RSS (sampled in this process) 1067 MB; a CLI race: 169 MB.
  run.pathological = measurePathological();
  const slowest = run.pathological.reduce((a, b) => (b.ms4x / b.ms > a.ms4x / a.ms ? b : a));
  process.stderr.write(
    `bench: parsers at 4× input: worst ${(slowest.ms4x / slowest.ms).toFixed(1)}× the time (${slowest.name})\n`,
  );
  save();
  process.stdout.write(`${benchMarkdown(run)}\n`);
  process.stderr.write(`bench: wrote bench-results/${stamp}.md and .json\n`);
  if (run.failures.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
