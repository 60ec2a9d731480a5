import type { Row } from '../../../src/report/leaderboard.js';
import { mb, seconds, startMs, times } from '../../../src/session/index.js';

/** A table cell for a fact that may never have been measured. */
const cellOf = (v: boolean | undefined, yes: string, no: string) => (v === undefined ? '?' : v ? yes : no);

export interface Column {
  key: string;
  title: string;
  width: number;
  cell: (r: Row) => string;
}

const OPTIONAL: Column[] = [
  { key: 'compressed', title: 'compressed', width: 10, cell: (r) => mb(r.compressedBytes) },
  { key: 'build', title: 'build', width: 7, cell: (r) => seconds(r.buildSeconds) },
  {
    key: 'nonroot',
    title: 'non-root',
    width: 8,
    cell: (r) => cellOf(r.nonRoot, '✓', '✗ root'),
  },
  { key: 'shell', title: 'shell', width: 5, cell: (r) => cellOf(r.hasShell, '✓', '✗') },
];

export const FIXED: Column[] = [
  { key: 'size', title: 'size', width: 8, cell: (r) => (r.sizeBytes > 0 ? mb(r.sizeBytes) : '?') },
  { key: 'start', title: 'start', width: 7, cell: (r) => startMs(r.importMs) },
  { key: 'times', title: '× full', width: 7, cell: (r) => (r.timesSmaller ? times(r.timesSmaller) : '-') },
  { key: 'smoke', title: 'ok', width: 2, cell: (r) => (r.passed ? '✓' : '✗') },
];

export const MARK = 2;
export const ID = 17;
const MIN_BAR = 10;
const MAX_BAR = 30;

/**
 * Which columns fit the terminal: size, cold start, × and smoke always; compressed, build time, non-root and
 * shell when there is room (the focused row's detail line shows them all anyway). The bar takes
 * what is left.
 */
export function layoutColumns(width: number): { columns: Column[]; bar: number } {
  const used = (cols: Column[]) => MARK + ID + 1 + cols.reduce((n, c) => n + c.width + 1, 0);
  const optional = [...OPTIONAL];
  let columns = [...FIXED.slice(0, 3), ...optional, FIXED[3]!];
  while (optional.length > 0 && width - used(columns) < MIN_BAR) {
    const drop = optional.pop()!;
    columns = columns.filter((c) => c !== drop);
  }
  const bar = Math.max(4, Math.min(MAX_BAR, width - used(columns) - 1));
  return { columns, bar };
}

/** Right-aligned for numbers, so magnitudes line up. */
export function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text.padStart(width);
}
