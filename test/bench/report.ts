import type { BenchCandidate, BenchProject, BenchRun } from './types.js';

const mb = (b: number) => (b > 0 ? `${(b / 1e6).toFixed(1)}` : '–');
const x = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(2)}×`);
const s = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(1)}`);

function candidateRow(c: BenchCandidate, p: BenchProject): string {
  const mark = c.id === p.winner ? ' **(winner)**' : c.id === p.bestSeed ? ' (best seed)' : '';
  return `| ${c.id}${mark} | ${c.kind} | ${c.passed ? 'yes' : `no: ${(c.error ?? '').slice(0, 60).replace(/\|/g, '/')}`} | ${mb(c.sizeBytes)} | ${x(c.timesFloor)} | ${c.importMs === undefined ? '–' : c.importMs.toFixed(0)} | ${s(c.raceBuildSeconds)} | ${s(c.singleWallSeconds)} |`;
}

function closureLine(p: BenchProject): string {
  const c = p.candidates.find((r) => r.id === 'closure');
  const d = p.candidates.find((r) => r.id === 'distroless');
  if (!c || !d) return '- closure vs distroless: –';
  const state = (r: BenchCandidate) => (r.passed ? `${mb(r.sizeBytes)} MB` : 'failed');
  const ratio = c.passed && d.passed ? ` (${x(c.sizeBytes / d.sizeBytes)})` : '';
  return `- closure vs distroless: ${state(c)} vs ${state(d)}${ratio}`;
}

export function projectMarkdown(p: BenchProject): string {
  const lines = [
    `### ${p.name}`,
    '',
    '| candidate | kind | passes | size MB | × floor | import ms | build s (in race) | alone cold s |',
    '|---|---|---|---:|---:|---:|---:|---:|',
    ...[...p.candidates]
      .sort((a, b) => Number(b.passed) - Number(a.passed) || a.sizeBytes - b.sizeBytes)
      .map((c) => candidateRow(c, p)),
    '',
    `- floor: ${p.floor ? `${mb(p.floor.usedBytes)} MB used in ${p.floor.measuredIn}'s smoke test = ${p.floor.sources.map((f) => `${f.what} ${mb(f.bytes)}`).join(' + ')}` : '–'}; winner ${p.winner ?? 'none'} = ${x(p.winnerVsFloor)} the floor`,
    closureLine(p),
    `- winner vs baseline (full): ${x(p.winnerVsBaseline)}; winner vs best seed (${p.bestSeed ?? '–'}): ${x(p.winnerVsBestSeed)} (target ≤ 0.75×)`,
    `- cold race wall: ${s(p.raceWallSeconds)} s; slowest candidate alone cold: ${p.slowestSingle ? `${s(p.slowestSingle.wallSeconds)} s (${p.slowestSingle.id})` : '–'}; ratio ${p.slowestSingle ? x(p.raceWallSeconds / p.slowestSingle.wallSeconds) : '–'} (target ≤ 1.5×); sum alone: ${s(p.sumSingleWallSeconds)} s`,
    `- warm re-run wall: ${s(p.warmWallSeconds)} s; peak RSS during the race: ${mb(p.peakRssBytes)} MB (target ≤ 200)`,
    ...(p.floorNotes?.length ? ['- above the floor (winner):', ...p.floorNotes.map((n) => `  - ${n}`)] : []),
  ];
  return lines.join('\n');
}

export function benchMarkdown(run: BenchRun): string {
  const m = run.machine;
  const summary = [
    '| project | winner | winner MB | best seed MB | winner/seed | winner/floor | race s | slowest alone s | race/slowest | warm s | peak RSS MB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...run.projects.map((p) => {
      const w = p.candidates.find((c) => c.id === p.winner);
      const seed = p.candidates.find((c) => c.id === p.bestSeed);
      const ratio = p.slowestSingle ? p.raceWallSeconds / p.slowestSingle.wallSeconds : undefined;
      return `| ${p.name} | ${p.winner ?? '–'} | ${mb(w?.sizeBytes ?? 0)} | ${mb(seed?.sizeBytes ?? 0)} | ${x(p.winnerVsBestSeed)} | ${x(p.winnerVsFloor)} | ${s(p.raceWallSeconds)} | ${s(p.slowestSingle?.wallSeconds)} | ${x(ratio)} | ${s(p.warmWallSeconds)} | ${mb(p.peakRssBytes)} |`;
    }),
  ];
  return [
    `# slim-py bench, ${run.date}`,
    '',
    `Machine: ${m.nproc} CPUs, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, Docker ${m.docker} (${m.builder}), Node ${m.node}.`,
    '',
    ...summary,
    '',
    ...(run.firstFrame
      ? [
          `Wizard first frame: ${run.firstFrame.wizardMs.toFixed(0)} ms (median of ${run.firstFrame.runs}; target ≤ 400 ms); a bare \`node -e\` start measured the same way: ${run.firstFrame.nodeMs.toFixed(0)} ms (${(run.firstFrame.wizardMs / run.firstFrame.nodeMs).toFixed(1)}×).`,
          '',
        ]
      : []),
    ...run.projects.map(projectMarkdown),
  ].join('\n');
}
