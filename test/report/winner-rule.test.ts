import { describe, expect, it } from 'vitest';
import { emptyResult, type Result } from '../../src/race/types.js';
import { rank } from '../../src/report/leaderboard.js';
import { leaderboardText } from '../../src/report/leaderboard-text.js';
import { raceJson } from '../../src/report/race-json.js';
import { startupContenders } from '../../src/report/winner-rule.js';
import type { StrategyId } from '../../src/strategies/types.js';

const MB = 1_000_000;

function passing(id: string, sizeMb: number, importMs?: number): Result {
  return {
    ...emptyResult(id as StrategyId, `slim-py/${id}:t`),
    sizeBytes: sizeMb * MB,
    smoke: { ok: true, failures: [] },
    ...(importMs === undefined ? {} : { importMs }),
  };
}

// The shape of the bench's numbers: the smallest image starts slowly without bytecode.
const results = [
  passing('full', 534, 124),
  passing('closure', 40, 416),
  passing('distroless', 63, 130),
  passing('slim', 180, 110),
  { ...emptyResult('alpine', ''), error: 'build failed', failedAt: 'build' as const },
];

describe('the winner rule', () => {
  it('balanced (the default): the smallest whose cold start is within 1.2× of the fastest, and says why', () => {
    const board = rank(results);
    expect(board.prefer).toBe('balanced');
    expect(board.winner).toBe('distroless');
    expect(board.why).toBe(
      'distroless: the smallest candidate (63.0 MB) whose cold start (130 ms) is within 1.2× or 50 ms of the fastest (slim, 110 ms); smaller but slower: closure (40.0 MB) starts in 416 ms',
    );
    // Still ranked by size: the table shows what the smaller ones cost.
    expect(board.rows.map((r) => r.id)).toEqual(['closure', 'distroless', 'slim', 'full', 'alpine']);
  });

  it('at fast starts 50 ms is the margin: a 13 ms lead does not buy an image three times the size', () => {
    // The race's figures for the libpq project on 3.11: slim 44 ms, closure 57 ms (1.30×).
    const board = rank([passing('closure', 42, 57), passing('slim', 142, 44), passing('full', 642, 63)]);
    expect(board.winner).toBe('closure');
    // Beyond both margins the faster one still wins.
    expect(rank([passing('closure', 42, 95), passing('slim', 142, 44)]).winner).toBe('slim');
  });

  it('size: the smallest; startup: the fastest', () => {
    expect(rank(results, 'size').winner).toBe('closure');
    expect(rank(results, 'size').why).toContain('(--prefer size)');
    expect(rank(results, 'startup').winner).toBe('slim');
  });

  it('the smallest wins when it is also fast enough', () => {
    const board = rank([passing('closure', 40, 130), passing('full', 534, 120)]);
    expect(board.winner).toBe('closure');
    expect(board.why).not.toContain('smaller but slower');
  });

  it('without any cold start measured, balanced falls back to the smallest and says so', () => {
    const board = rank([passing('closure', 40), passing('full', 534)]);
    expect(board.winner).toBe('closure');
    expect(board.why).toContain('no cold start was measured');
  });

  it('a candidate whose cold start was not measured cannot be shown within the margin', () => {
    expect(rank([passing('closure', 40), passing('slim', 180, 110)]).winner).toBe('slim');
  });

  it('the text and the JSON carry the rule and the reason', () => {
    const board = rank(results);
    expect(leaderboardText(board)).toContain(`Winner: ${board.why}`);
    const json = raceJson({ builder: 'buildkit', host: 'h' }, board, [], []);
    expect(json).toMatchObject({ winner: 'distroless', prefer: 'balanced', why: board.why });
    expect(json.candidates.find((c) => c.id === 'closure')).toMatchObject({
      importMs: 416,
      sizeBytes: 40 * MB,
    });
  });
});

describe('the contenders measured again at the end of the race', () => {
  it('the fastest, the pick and every smaller one near the limit; smallest first after those two', () => {
    // limit 110 + 50 = 160: distroless (130) is the pick, closure (416) is far beyond 1.5 × 160.
    expect(startupContenders(results.slice(0, 4))).toEqual(['slim', 'distroless']);
    // closure at 230 ms is near (≤ 240): a rerun could bring it within the limit.
    const near = [
      passing('full', 534, 124),
      passing('closure', 40, 230),
      passing('distroless', 63, 130),
      passing('slim', 180, 110),
    ];
    expect(startupContenders(near)).toEqual(['slim', 'distroless', 'closure']);
  });

  it('none when the smallest is also the fastest, or nothing was timed', () => {
    expect(startupContenders([passing('closure', 40, 20), passing('slim', 180, 24)])).toEqual([]);
    expect(startupContenders([passing('closure', 40), passing('slim', 180)])).toEqual([]);
  });

  it('at most four', () => {
    const many = [5, 6, 7, 8, 9].map((n) => passing(`c${n}`, n, 200 + n));
    expect(startupContenders([...many, passing('slim', 180, 100)])).toHaveLength(4);
  });
});
