import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutColumns } from '../../../components/steps/leaderboard/columns.js';
import { LeaderboardStep } from '../../../components/steps/leaderboard/leaderboard-step.js';
import { size } from '../../../components/widgets/size.js';
import { mb, times } from '../../../src/report/units.js';
import { type Prefer, type RaceOutcome, withPrefer } from '../../../src/session/index.js';
import type { StrategyId } from '../../../src/strategies/types.js';
import { frameWith, KEY, plain, press, renderAt } from '../ink-helpers.js';
import { loadRecording, recordedOutcome } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function boardOf(name: string) {
  const rec = loadRecording(name);
  const outcome = recordedOutcome(rec);
  return { rec, board: outcome.board, candidates: outcome.candidates };
}

function show(name: string) {
  const { rec, board, candidates } = boardOf(name);
  const out: { picked?: StrategyId; detail: boolean[] } = { detail: [] };
  const r = render(
    <LeaderboardStep
      board={board}
      candidates={candidates}
      onDetail={(o) => out.detail.push(o)}
      onPick={(id) => {
        out.picked = id;
      }}
      onPrefer={() => {}}
    />,
  );
  cleanup = r.unmount;
  return { ...r, out, board, rec };
}

describe('leaderboard step', () => {
  it('ranks passing candidates by size with bars scaled to the largest, × smaller and flags', () => {
    const { lastFrame, board } = show('pure');
    const f = plain(lastFrame());
    const rows = f.split('\n').filter((l) => /^[› ] \S/.test(l) && /[█▒]/.test(l));
    expect(rows.map((l) => l.slice(2).split(/\s/)[0])).toEqual(board.rows.map((r) => r.id));
    const bars = rows.map((l) => (l.match(/█+/)?.[0] ?? '').length);
    const largest = Math.max(...board.rows.map((r) => r.sizeBytes));
    for (const [i, r] of board.rows.entries()) {
      expect(rows[i]).toContain(mb(r.sizeBytes));
      if (r.timesSmaller) expect(rows[i]).toContain(times(r.timesSmaller));
      if (r.sizeBytes === largest) expect(bars[i]).toBe(Math.max(...bars));
    }
    expect(f).toContain(`${board.winner} ★`);
    expect(f).toContain('non-root');
    expect(f).toContain('shell');
  });

  it('Enter goes on with the winner, as on every step', async () => {
    const r = show('pure');
    await press(r.stdin, KEY.enter);
    expect(r.out.picked).toBe(r.board.winner);
    expect(r.out.detail).toEqual([]);
  });

  it('moves with the arrows, opens layers and Dockerfile with → or d, closes with Esc or ←', async () => {
    const r = show('pure');
    const second = r.board.rows[1]!;
    await press(r.stdin, KEY.down);
    await frameWith(r.lastFrame, `› ${second.id}`);
    await press(r.stdin, KEY.right);
    const detail = await frameWith(r.lastFrame, `Layers of ${second.id}, oldest first`);
    expect(detail).toContain('Dockerfile');
    expect(detail).toContain(size(second.result.layers[0]!.sizeBytes));
    expect(r.out.detail).toEqual([true]);
    await press(r.stdin, KEY.escape);
    await frameWith(r.lastFrame, 'Leaderboard');
    expect(r.out.detail).toEqual([true, false]);
    await press(r.stdin, 'd');
    await frameWith(r.lastFrame, `Layers of ${second.id}, oldest first`);
    await press(r.stdin, KEY.left);
    await frameWith(r.lastFrame, 'Leaderboard');
    await press(r.stdin, KEY.right);
    await frameWith(r.lastFrame, `Layers of ${second.id}, oldest first`);
    // Enter in the detail view goes on too: this candidate to the Write step.
    await press(r.stdin, KEY.enter);
    expect(r.out.picked).toBe(second.id);
  });

  it('shows why a candidate failed and refuses it as the winner', async () => {
    const r = show('failing');
    const failed = r.board.rows.filter((x) => !x.passed);
    expect(failed.length).toBeGreaterThan(0);
    const f = plain(r.lastFrame());
    for (const x of failed) expect(f).toMatch(new RegExp(`${x.id}.*✗`));
    expect(f).toContain(`✗ ${failed[0]!.reason!.slice(0, 30)}`);
    // Focus starts on the default winner; walk to the first failed row.
    const from = r.board.rows.findIndex((x) => x.id === r.board.winner);
    const to = r.board.rows.indexOf(failed[0]!);
    await press(r.stdin, ...Array(to - from).fill(KEY.down), KEY.enter);
    await frameWith(r.lastFrame, `${failed[0]!.id} did not pass: it cannot be written as the winner.`);
    expect(r.out.picked).toBeUndefined();
    // Its build failed: nothing about the image was measured, and the row does not pretend it was.
    const summary = plain(r.lastFrame());
    expect(summary).toContain('size unknown (no image)');
    expect(summary).toContain('user unknown · shell unknown · smoke not run');
    expect(summary).not.toMatch(/runs as root|no shell/);
  });

  it('says the winner rule and why the winner won; p asks for the next rule and the board follows', async () => {
    const rec = loadRecording('pure');
    let outcome: RaceOutcome = recordedOutcome(rec);
    const asked: Prefer[] = [];
    const step = () => (
      <LeaderboardStep
        board={outcome.board}
        candidates={outcome.candidates}
        onDetail={() => {}}
        onPick={() => {}}
        onPrefer={(p) => {
          asked.push(p);
          outcome = withPrefer(outcome, p);
        }}
      />
    );
    const r = render(step());
    cleanup = r.unmount;
    const first = plain(r.lastFrame());
    expect(first).toContain(
      'winner rule: balanced (smallest within 1.2× or 50 ms of the fastest cold start) · p changes it',
    );
    expect(first).toContain(`Winner: ${outcome.board.why!.slice(0, 40)}`);
    for (const next of ['size', 'startup', 'balanced'] as const) {
      await press(r.stdin, 'p');
      expect(asked.at(-1)).toBe(next);
      r.rerender(step());
      await frameWith(r.lastFrame, `winner rule: ${next} (`);
    }
    // Under 'size' the why says so; the winner row keeps its star.
    outcome = withPrefer(outcome, 'size');
    r.rerender(step());
    const f = await frameWith(r.lastFrame, /\(--prefer\s+size\)/);
    expect(f).toContain(`${outcome.board.winner} ★`);
  });

  it('fits 60 columns: optional columns go, the focused row keeps every fact', () => {
    expect(layoutColumns(60).columns.map((c) => c.key)).toEqual(['size', 'start', 'times', 'smoke']);
    expect(layoutColumns(100).columns.map((c) => c.key)).toContain('compressed');
    const { rec, board } = boardOf('pure');
    const r = renderAt(
      <LeaderboardStep
        board={board}
        candidates={rec.plan.candidates}
        onDetail={() => {}}
        onPick={() => {}}
        onPrefer={() => {}}
      />,
      60,
    );
    cleanup = r.unmount;
    const f = plain(r.lastFrame());
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
    expect(f).toContain('compressed');
    expect(f).toMatch(/non-root ✓|runs as root/);
  });
});
