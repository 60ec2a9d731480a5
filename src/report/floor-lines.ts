import type { Leaderboard, Row } from './leaderboard.js';
import { mb } from './units.js';

/** One line per row: × the floor, the cold start and the largest part above it ('' without a floor). */
export function floorRowLine(r: Row): string {
  if (r.timesFloor === undefined || !r.passed) return '';
  const why = r.aboveFloor?.[0];
  const ms = r.importMs === undefined ? '' : `; cold start ${Math.round(r.importMs)} ms`;
  return `${r.timesFloor.toFixed(2)}× the floor${ms}${why ? `; above it: ${mb(why.bytes)} ${why.what}` : ''}`;
}

/** What the floor is made of, for the text and markdown reports. */
export function floorSummary(board: Leaderboard): string[] {
  const f = board.floor;
  if (!f) return [];
  const parts = f.sources.map((s) => `${s.what} ${mb(s.bytes)}`).join(', ');
  return [
    `Floor: ${mb(f.usedBytes)}, the files the app really used in ${f.measuredIn}'s smoke test: ${parts}`,
  ];
}

/** Why the winner won, or why there is none. */
export function winnerLine(board: Leaderboard): string {
  return board.winner
    ? `Winner: ${board.why ?? board.winner}`
    : 'No candidate passed: see the reasons above.';
}
