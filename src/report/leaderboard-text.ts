import { floorRowLine, floorSummary, winnerLine } from './floor-lines.js';
import type { Leaderboard } from './leaderboard.js';
import { clip, fact, mb, seconds, startMs, times } from './units.js';

/** The leaderboard as a plain-text table (headless `race`, markdown report reuses the rows). */
export function leaderboardText(board: Leaderboard): string {
  const out: string[] = [];
  out.push(
    `${'#'.padEnd(3)}${'candidate'.padEnd(19)}${'size'.padStart(10)}${'compressed'.padStart(12)}${'start'.padStart(9)}${'vs full'.padStart(9)}${'layers'.padStart(8)}${'build'.padStart(9)}  smoke  user  shell`,
  );
  for (const r of board.rows) {
    out.push(
      `${String(r.rank).padEnd(3)}${r.id.padEnd(19)}${mb(r.sizeBytes).padStart(10)}${mb(r.compressedBytes).padStart(12)}${startMs(r.importMs).padStart(9)}${times(r.timesSmaller).padStart(9)}${String(r.layerCount || '-').padStart(8)}${seconds(r.buildSeconds).padStart(9)}  ${r.passed ? 'ok   ' : 'FAIL '}  ${fact(r.nonRoot, 'user', 'root')}  ${fact(r.hasShell, 'yes', 'no')}`,
    );
    if (r.reason) out.push(`     ✗ ${clip(r.reason, 100)}`);
    if (r.result.repairedWith) {
      out.push(`     + added after a try failed without them: ${r.result.repairedWith.join(', ')}`);
    }
    for (const l of r.largestLayers)
      out.push(`     ${mb(l.sizeBytes).padStart(9)}  ${clip(l.createdBy, 90)}`);
    const floor = floorRowLine(r);
    if (floor) out.push(`     ${clip(floor, 160)}`);
  }
  for (const line of floorSummary(board)) out.push('', line);
  out.push('', winnerLine(board));
  return `${out.join('\n')}\n`;
}
