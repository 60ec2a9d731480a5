import type { Leaderboard, Row } from './leaderboard.js';
import { mb } from './units.js';

/** One line per row: × the floor and the largest reason above it ('' without a floor). */
export function floorRowLine(r: Row): string {
  if (r.timesFloor === undefined || !r.passed) return '';
  const why = r.aboveFloor?.[0];
  const ms = r.importMs === undefined ? '' : `; cold import ${Math.round(r.importMs)} ms`;
  return `${r.timesFloor.toFixed(2)}× the floor${ms}${why ? `; above it: ${mb(why.bytes)} ${why.what}` : ''}`;
}

/** What the floor is made of, for the text and markdown reports. */
export function floorSummary(board: Leaderboard): string[] {
  const f = board.floor;
  if (!f) return [];
  return [
    `Floor: ${mb(f.bytes)} = runtime ${mb(f.runtime.bytes)} (${f.runtime.ref}, from ${f.runtime.id}) + installed packages after trims ${mb(f.packagesBytes)} + app ${mb(f.appBytes)}`,
  ];
}
