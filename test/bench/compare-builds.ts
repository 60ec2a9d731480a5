/**
 * `node --import tsx test/bench/compare-builds.ts OTHER_ROOT [same|time]`: this checkout's built CLI
 * beside another built checkout (e.g. main before a speed-up, built with `npm run build`).
 * - `same`: `plan --offline` and `plan --offline --json` of every project under test/fixtures/projects
 *   and of the scale bench's 10,000 and 100,000-line projects give the same bytes (stdout, stderr and
 *   exit code) from both builds: a speed-up must not change what is printed.
 * - `time`: the scale bench's measure, both builds alternating, 3 runs each; medians and new/old ratio.
 * A tool for a change's author, not a test: it needs two builds and a quiet machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scaleRequirements } from './scale.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = 3;

interface Run {
  status: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

function plan(root: string, dir: string, json: boolean, usage?: string): Run {
  const args = [join(root, 'bin/slim-py.js'), 'plan', dir, '--offline', ...(json ? ['--json'] : [])];
  const run = spawnSync(
    process.execPath,
    usage ? ['--import', join(ROOT, 'test/bench/exit-usage.mjs'), ...args] : args,
    {
      env: { ...process.env, SLIMPY_BENCH_USAGE: usage ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function projects(tmp: string): string[] {
  const fixtures = join(ROOT, 'test/fixtures/projects');
  const scale = [10_000, 100_000].map((lines) => ({ dir: join(tmp, `scale-${lines}`), lines }));
  for (const { dir, lines } of scale) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'requirements.txt'), scaleRequirements(lines));
    writeFileSync(join(dir, 'app.py'), 'print("hello")\n');
  }
  return [
    ...readdirSync(fixtures)
      .sort()
      .map((n) => join(fixtures, n)),
    ...scale.map((s) => s.dir),
  ];
}

function same(other: string, tmp: string): boolean {
  let ok = true;
  for (const dir of projects(tmp)) {
    for (const json of [false, true]) {
      const a = plan(other, dir, json);
      const b = plan(ROOT, dir, json);
      const diff = (['status', 'stdout', 'stderr'] as const).filter((k) =>
        k === 'status' ? a.status !== b.status : !a[k].equals(b[k]),
      );
      ok &&= diff.length === 0;
      process.stdout.write(
        `${diff.length ? 'DIFFERS' : 'same   '} ${json ? '--json' : 'text  '} ${dir}` +
          `${diff.length ? ` (${diff.join(', ')})` : ''} [${b.stdout.length} bytes, exit ${b.status}]\n`,
      );
    }
  }
  return ok;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function time(other: string, tmp: string): void {
  const usage = join(tmp, 'usage.json');
  for (const dir of projects(tmp).slice(-2)) {
    const figures: Record<'old' | 'new', { cpu: number[]; rss: number[] }> = {
      old: { cpu: [], rss: [] },
      new: { cpu: [], rss: [] },
    };
    for (let i = 0; i < RUNS; i++) {
      for (const [which, root] of [
        ['old', other],
        ['new', ROOT],
      ] as const) {
        const run = plan(root, dir, true, usage);
        if (run.status !== 0) throw new Error(`${which} exited ${run.status}: ${run.stderr.toString()}`);
        const u = JSON.parse(readFileSync(usage, 'utf8')) as { cpuMs: number; maxRssBytes: number };
        figures[which].cpu.push(u.cpuMs / 1000);
        figures[which].rss.push(u.maxRssBytes / 1e6);
      }
    }
    const line = (k: 'cpu' | 'rss', unit: string, digits: number) => {
      const [o, n] = [median(figures.old[k]), median(figures.new[k])];
      const all = (xs: number[]) => xs.map((x) => x.toFixed(digits)).join(' / ');
      return `  ${k} ${unit}: old ${all(figures.old[k])} (median ${o.toFixed(digits)}), new ${all(figures.new[k])} (median ${n.toFixed(digits)}), ratio ${(n / o).toFixed(2)}`;
    };
    process.stdout.write(`${dir}\n${line('cpu', 's', 2)}\n${line('rss', 'MB', 0)}\n`);
  }
}

const [other, mode = 'same'] = process.argv.slice(2);
if (!other || !['same', 'time'].includes(mode)) {
  process.stderr.write('usage: node --import tsx test/bench/compare-builds.ts OTHER_ROOT [same|time]\n');
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'slim-py-compare-'));
try {
  if (mode === 'same') process.exitCode = same(resolve(other), tmp) ? 0 : 1;
  else time(resolve(other), tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
