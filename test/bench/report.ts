import { STARTUP_MARGIN } from '../../src/report/winner-rule.js';
import { describeMachine } from './machine.js';
import { pathologicalMarkdown } from './pathological.js';
import { scaleMarkdown } from './scale.js';
import type { BenchCandidate, BenchProject, BenchRun } from './types.js';

const mb = (b: number) => (b > 0 ? `${(b / 1e6).toFixed(1)}` : '–');
const x = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(2)}×`);
const s = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(1)}`);
const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(0));
const cell = (t: string) => t.replace(/\|/g, '/');

/** Default rule targets (issue 12): within 1.2× of the fastest cold start, ≤ 1.25× the smallest size. */
export const SIZE_TARGET = 1.25;

function candidateRow(c: BenchCandidate, p: BenchProject): string {
  const mark = c.id === p.winner ? ' **(winner)**' : c.id === p.bestSeed ? ' (best seed)' : '';
  const top = c.aboveFloor?.[0];
  return `| ${c.id}${mark} | ${c.kind} | ${c.passed ? 'yes' : `no: ${cell((c.error ?? '').slice(0, 60))}`} | ${mb(c.sizeBytes)} | ${mb(c.compressedBytes)} | ${ms(c.importMs)} | ${ms(c.importWallMs)} | ${x(c.timesFloor)} | ${top ? cell(`${mb(top.bytes)} MB ${top.what}`).slice(0, 90) : '–'} | ${s(c.raceBuildSeconds)} | ${s(c.singleWallSeconds)} |`;
}

function target(v: number | undefined, limit: number): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return `${x(v)} (target ≤ ${limit}×: ${v <= limit + 1e-9 ? 'met' : 'MISSED'})`;
}

export function projectMarkdown(p: BenchProject): string {
  const c = p.costs;
  const vsSum = p.sumSingleWallSeconds ? p.raceWallSeconds / p.sumSingleWallSeconds : undefined;
  const byPassAndSize = [...p.candidates].sort(
    (a, b) => Number(b.passed) - Number(a.passed) || a.sizeBytes - b.sizeBytes,
  );
  return [
    `### ${p.name} (Python ${p.python})`,
    '',
    '| candidate | kind | passes | size MB | compressed MB | cold start ms (CPU) | wall ms | × floor | largest part above the floor | build s (in race) | alone cold s |',
    '|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|',
    ...byPassAndSize.map((r) => candidateRow(r, p)),
    '',
    `- winner (default rule): ${p.why ?? 'none'}`,
    `- winner's cold start vs the fastest passing: ${target(p.winnerVsFastest, STARTUP_MARGIN)}; winner's size vs the smallest passing: ${target(p.winnerVsSmallest, SIZE_TARGET)}`,
    `- floor: ${p.floor ? `${mb(p.floor.usedBytes)} MB used in ${p.floor.measuredIn}'s smoke test = ${p.floor.sources.map((f) => `${f.what} ${mb(f.bytes)}`).join(' + ')}` : '–'}`,
    `- winner vs best seed (${p.bestSeed ?? '–'}): ${x(p.winnerVsBestSeed)}`,
    `- cold race: ${s(p.raceWallSeconds)} s; each candidate alone, cold: sum ${s(p.sumSingleWallSeconds)} s, slowest ${p.slowestSingle ? `${s(p.slowestSingle.wallSeconds)} s (${p.slowestSingle.id})` : '–'}; race / one by one: ${x(vsSum)}`,
    `- in the cold race (summed over candidates): cold-start timing ${s(c.startupSeconds)} s, bytecode builds ${s(c.bytecodeSeconds)} s, smoke tests ${s(c.smokeSeconds)} s, audit ${s(c.auditSeconds)} s, compressed sizes ${s(c.compressSeconds)} s in the background, ending ${s(c.tailSeconds)} s after the last foreground step${c.recheck ? `; then ${c.recheck}` : ''}`,
    `- warm re-run: ${s(p.warmWallSeconds)} s; peak RSS during the cold race: ${mb(p.peakRssBytes)} MB`,
    `- machine: before ${describeMachine(p.machine.before)}; after ${describeMachine(p.machine.after)}`,
  ].join('\n');
}

export function benchMarkdown(run: BenchRun): string {
  const m = run.machine;
  const summary = [
    '| project | Python | winner | MB | cold start ms | vs fastest | vs smallest | × floor | best seed MB | race s | one by one s | race / one by one |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...run.projects.map((p) => {
      const w = p.candidates.find((c) => c.id === p.winner);
      const seed = p.candidates.find((c) => c.id === p.bestSeed);
      const vsSum = p.sumSingleWallSeconds ? p.raceWallSeconds / p.sumSingleWallSeconds : undefined;
      return `| ${p.name} | ${p.python} | ${p.winner ?? '–'} | ${mb(w?.sizeBytes ?? 0)} | ${ms(w?.importMs)} | ${x(p.winnerVsFastest)} | ${x(p.winnerVsSmallest)} | ${x(w?.timesFloor)} | ${mb(seed?.sizeBytes ?? 0)} | ${s(p.raceWallSeconds)} | ${s(p.sumSingleWallSeconds)} | ${x(vsSum)} |`;
    }),
  ];
  return [
    `# slim-py bench, ${run.date}`,
    '',
    `Machine: ${m.nproc} CPUs, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, Docker ${m.docker} (${m.builder}), Node ${m.node}. Build cache ${run.pruned ? 'pruned before every cold race' : 'NOT pruned (development run: the cold figures are warm)'}.`,
    '',
    ...summary,
    '',
    ...(run.failures.length
      ? [
          `No figures for: ${run.failures.map((f) => `${f.project} on ${f.python} (${cell(f.error)})`).join('; ')}`,
          '',
        ]
      : []),
    ...(run.firstFrame
      ? [
          `Wizard first frame: ${run.firstFrame.wizardMs.toFixed(0)} ms (median of ${run.firstFrame.runs}; target ≤ 400 ms); a bare \`node -e\` start measured the same way: ${run.firstFrame.nodeMs.toFixed(0)} ms (${(run.firstFrame.wizardMs / run.firstFrame.nodeMs).toFixed(1)}×).`,
          '',
        ]
      : []),
    ...(run.scale ? [scaleMarkdown(run.scale)] : []),
    ...(run.pathological ? [pathologicalMarkdown(run.pathological)] : []),
    ...run.projects.map(projectMarkdown),
  ].join('\n');
}
