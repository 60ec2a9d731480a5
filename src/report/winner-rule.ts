import type { Result } from '../race/types.js';
import type { StrategyId } from '../strategies/types.js';
import { mb } from './units.js';

/**
 * Which passing candidate wins. 'balanced' (the default): the smallest whose cold start is within
 * startupLimit of the fastest passing one; 'size': the smallest; 'startup': the fastest to start.
 */
export type Prefer = 'size' | 'startup' | 'balanced';
export const PREFERS: readonly Prefer[] = ['balanced', 'size', 'startup'];
export const DEFAULT_PREFER: Prefer = 'balanced';

/** "Within 1.2× of the fastest": a start-up difference a user would not notice, yet a firm one. */
export const STARTUP_MARGIN = 1.2;
/**
 * …or within 50 ms, whichever is looser: below 250 ms, 1.2× is less than what load on a busy machine
 * adds, even to the least CPU time of fresh containers measured side by side (startup-recheck.ts),
 * and 40 ms is not worth an image three times the size. Measured 2026-12-02, 2 vCPUs shared with
 * other builds (load 2.4–3.9): e2e-pure on 3.11 (~200 ms starts), six races, closure's start was
 * 1.00–1.27× the fastest (1.27 and 1.21 the two worst); under 1.2× alone those two would have crowned
 * a multi-stage image 3.07× closure's size. wsgi-py313 (15–20 ms) and e2e-libpq: the same winner
 * under either rule in all eight races.
 */
export const STARTUP_SLACK_MS = 50;
/** The rule in words, for the plan, the leaderboard and the reason given for a winner. */
export const STARTUP_RULE = `within ${STARTUP_MARGIN}× or ${STARTUP_SLACK_MS} ms of the fastest`;

/** The slowest cold start that still counts as fast enough next to the fastest one. */
export function startupLimit(fastestMs: number): number {
  return Math.max(fastestMs * STARTUP_MARGIN, fastestMs + STARTUP_SLACK_MS);
}

export interface WinnerChoice {
  id: StrategyId;
  prefer: Prefer;
  /** One sentence: why this one and not a smaller or a faster one. */
  why: string;
}

const ms = (v: number) => `${Math.round(v)} ms`;

/** `passing` must be sorted smallest first. */
export function chooseWinner(passing: Result[], prefer: Prefer): WinnerChoice | undefined {
  const smallest = passing[0];
  if (!smallest) return undefined;
  const timed = passing.filter((r) => r.importMs !== undefined);
  const fastest = [...timed].sort((a, b) => (a.importMs ?? 0) - (b.importMs ?? 0))[0];
  const start = (r: Result) =>
    r.importMs === undefined ? 'cold start not measured' : `starts in ${ms(r.importMs)}`;
  if (prefer === 'size' || !fastest) {
    const note = prefer === 'size' ? ' (--prefer size)' : '; no cold start was measured';
    return {
      id: smallest.id,
      prefer,
      why: `${smallest.id}: the smallest candidate that passed (${mb(smallest.sizeBytes)}, ${start(smallest)})${note}`,
    };
  }
  const fast = fastest.importMs ?? 0;
  if (prefer === 'startup') {
    return {
      id: fastest.id,
      prefer,
      why: `${fastest.id}: the fastest cold start (${ms(fast)}, ${mb(fastest.sizeBytes)}) (--prefer startup)`,
    };
  }
  const limit = startupLimit(fast);
  const pick = timed.find((r) => (r.importMs ?? 0) <= limit) ?? fastest;
  const skipped = passing
    .slice(0, passing.indexOf(pick))
    .map((r) => `${r.id} (${mb(r.sizeBytes)}) ${start(r)}`);
  return {
    id: pick.id,
    prefer,
    why:
      `${pick.id}: the smallest candidate (${mb(pick.sizeBytes)}) whose cold start (${ms(pick.importMs ?? 0)}) is ` +
      `${STARTUP_RULE} (${fastest.id}, ${ms(fast)})` +
      (skipped.length ? `; smaller but slower: ${skipped.join(', ')}` : ''),
  };
}

/** A smaller candidate counts as near the margin up to this far beyond it (a rerun may bring it in). */
const NEAR_MARGIN = 1.5;
/** At most this many contenders are measured again (each costs a container per round). */
const MAX_CONTENDERS = 4;

/**
 * The passing candidates whose cold starts decide the default rule's winner, to be measured again
 * side by side (the race's startup recheck): the fastest, the pick, and every smaller one whose cold
 * start is within NEAR_MARGIN of the limit. Empty when the pick is the fastest and nothing smaller
 * comes near: then no rerun can change the winner. `passing` in any order.
 */
export function startupContenders(passing: readonly Result[]): StrategyId[] {
  const timed = passing
    .filter((r) => r.importMs !== undefined)
    .sort((a, b) => a.sizeBytes - b.sizeBytes || a.buildSeconds - b.buildSeconds);
  const fastest = [...timed].sort((a, b) => (a.importMs ?? 0) - (b.importMs ?? 0))[0];
  if (!fastest) return [];
  const limit = startupLimit(fastest.importMs ?? 0);
  const pick = timed.find((r) => (r.importMs ?? 0) <= limit) ?? fastest;
  const near = timed.slice(0, timed.indexOf(pick)).filter((r) => (r.importMs ?? 0) <= limit * NEAR_MARGIN);
  const ids = [...new Set([fastest.id, pick.id, ...near.map((r) => r.id)])].slice(0, MAX_CONTENDERS);
  return ids.length > 1 ? ids : [];
}
