import type { Leaderboard, Row } from '../report/leaderboard.js';
import { mb, startMs, times } from '../report/units.js';
import { comment } from '../strategies/render/escape.js';
import type { Candidate } from '../strategies/types.js';

/**
 * The comment block put on top of the written Dockerfile: what was measured and why this one won,
 * so the file explains itself in code review long after the race is forgotten.
 */
export function teachingHeader(candidate: Candidate, board: Leaderboard | undefined, date: Date): string {
  const lines: string[] = [];
  lines.push(
    `Written by slim-py on ${date.toISOString().slice(0, 10)}: strategy "${candidate.id}" (${candidate.title}).`,
  );
  const row: Row | undefined = board?.rows.find((r) => r.id === candidate.id);
  if (row?.passed) {
    lines.push(
      `Measured: ${mb(row.sizeBytes)} (${mb(row.compressedBytes)} compressed)${againstFull(candidate, row)},`,
      `cold start ${startMs(row.importMs)}${row.timesFloor === undefined ? '' : `, ${row.timesFloor.toFixed(2)}× the bytes the app really used`};`,
      'every installed package imported and every shared library resolved in a container with no network.',
    );
    if (board?.winner === candidate.id && board.why) lines.push(`Why it won: ${board.why}.`);
    const others = board!.rows
      .filter((r) => r.id !== candidate.id)
      .map((r) => `${r.id} ${r.passed ? mb(r.sizeBytes) : 'failed'}`);
    if (others.length) lines.push(`Also raced: ${others.join(', ')}.`);
  } else {
    lines.push('UNMEASURED: no Docker engine was used; this is the recommended plan, not a measured winner.');
  }
  lines.push('', ...wrap(candidate.teaches, 96), '');
  lines.push(`Trade-offs: size: ${candidate.tradeoffs.size}`);
  lines.push(`  build time: ${candidate.tradeoffs.buildTime}`);
  lines.push(`  compatibility: ${candidate.tradeoffs.compatibility}`);
  lines.push(`  security: ${candidate.tradeoffs.security}`);
  lines.push(`  debugging: ${candidate.tradeoffs.debuggability}`);
  return `${comment(lines).join('\n')}\n`;
}

/** The comparison with `full` only where it was raced, passed, and is not this one. */
function againstFull(candidate: Candidate, row: Row): string {
  if (candidate.id === 'full' || row.timesSmaller === undefined) return '';
  return `, ${times(row.timesSmaller)} smaller than the single-stage full image`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
