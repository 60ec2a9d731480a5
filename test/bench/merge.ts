/**
 * `node --import tsx test/bench/merge.ts bench-results/a.json bench-results/b.json`: one markdown
 * table from several bench runs (e.g. a --quick run with singles and a --skip-singles run of the rest).
 */
import { readFileSync } from 'node:fs';
import { benchMarkdown } from './report.js';
import type { BenchRun } from './types.js';

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as BenchRun);
const first = runs[0];
if (!first) {
  process.stderr.write('usage: merge.ts RUN.json...\n');
  process.exit(2);
}
process.stdout.write(`${benchMarkdown({ ...first, projects: runs.flatMap((r) => r.projects) })}\n`);
