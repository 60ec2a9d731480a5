import { outcome, PATHOLOGICAL } from '../project/pathological-inputs.js';

/** One parser input at its size and at 4× it, timed in this process (best of 3 each). */
export interface PathologicalPoint {
  name: string;
  size: number;
  ms: number;
  ms4x: number;
}

function best(run: () => unknown, times = 3): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** The inputs that once went quadratic: 4× the input should take about 4× the time, not 16×. */
export function measurePathological(): PathologicalPoint[] {
  return PATHOLOGICAL.map((p) => ({
    name: p.name,
    size: p.size,
    ms: best(() => outcome(p)),
    ms4x: best(() => outcome(p, p.size * 4)),
  }));
}

export function pathologicalMarkdown(points: PathologicalPoint[]): string {
  return [
    'Parsers on inputs that once went quadratic (best of 3, in-process; linear: 4× the input ≈ 4× the time):',
    '',
    '| input | size | ms | ms at 4× | ratio |',
    '|---|---:|---:|---:|---:|',
    ...points.map(
      (p) =>
        `| ${p.name} | ${p.size} | ${p.ms.toFixed(0)} | ${p.ms4x.toFixed(0)} | ${(p.ms4x / p.ms).toFixed(1)}× |`,
    ),
    '',
  ].join('\n');
}
