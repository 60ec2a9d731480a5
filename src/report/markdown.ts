import type { Candidate } from '../strategies/types.js';
import { floorRowLine, floorSummary } from './floor-lines.js';
import type { Leaderboard } from './leaderboard.js';
import { clip, fact, mb, seconds, startMs, times } from './units.js';

/** The markdown report written beside the Dockerfile: the leaderboard and why each is its size. */
export function markdownReport(projectName: string, board: Leaderboard, candidates: Candidate[]): string {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const out: string[] = [`# slim-py report: ${projectName}`, ''];
  out.push(
    board.winner
      ? `Winner: **${board.winner}**. ${board.why ?? ''} Every candidate ranked here imported every installed package and found every shared library it needs.`
      : 'No candidate passed its smoke test and library audit.',
    '',
    '| # | candidate | size | compressed | cold start | × smaller than full | layers | build | smoke | non-root | shell |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|---|',
  );
  for (const r of board.rows) {
    out.push(
      `| ${r.rank} | ${r.id} | ${mb(r.sizeBytes)} | ${mb(r.compressedBytes)} | ${startMs(r.importMs)} | ${times(r.timesSmaller)} | ${r.layerCount || '-'} | ${seconds(r.buildSeconds)} | ${r.passed ? '✓' : `✗ ${clip(r.reason ?? '', 80).replaceAll('|', '\\|')}`} | ${fact(r.nonRoot, 'yes', 'no')} | ${fact(r.hasShell, 'yes', 'no')} |`,
    );
  }
  if (board.floor) {
    out.push('', '## The floor', '', ...floorSummary(board), '');
    for (const r of board.rows.filter((x) => x.passed && x.timesFloor !== undefined)) {
      out.push(`- **${r.id}**: ${floorRowLine(r)}`);
      for (const a of (r.aboveFloor ?? []).slice(1)) out.push(`  - also ${mb(a.bytes)}: ${a.what}`);
    }
  }
  out.push('', '## Where the bytes went', '');
  for (const r of board.rows.filter((x) => x.passed)) {
    const c = byId.get(r.id);
    out.push(`### ${r.id}${c ? ` — ${c.title}` : ''}`, '');
    if (c) out.push(c.teaches, '');
    for (const l of r.largestLayers)
      out.push(`- ${mb(l.sizeBytes)}: \`${clip(l.createdBy, 120).replaceAll('`', "'")}\``);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
