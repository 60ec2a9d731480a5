import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { StrategiesStep } from '../../../components/steps/strategies/strategies-step.js';
import { suggestedStrategies } from '../../../src/session/index.js';
import type { StrategyId } from '../../../src/strategies/types.js';
import { frameWith, KEY, plain, press } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const { plan } = loadRecording('libpq');

function show(selected: StrategyId[]) {
  const out: { changes: StrategyId[][]; submitted?: StrategyId[] } = { changes: [] };
  const r = render(
    <StrategiesStep
      candidates={plan.candidates}
      selected={selected}
      recommended={plan.recommended.ids}
      onChange={(ids) => out.changes.push(ids)}
      onSubmit={(ids) => {
        out.submitted = ids;
      }}
    />,
  );
  cleanup = r.unmount;
  return { ...r, out };
}

describe('strategies step', () => {
  it('preselects the suggestion: the three most promising and the full baseline', () => {
    const ids = suggestedStrategies(plan);
    expect(ids).toContain('full');
    const top3 = plan.recommended.ids.filter((id) => id !== 'full').slice(0, 3);
    expect(ids.filter((id) => id !== 'full').sort()).toEqual([...top3].sort());
    const f = plain(show(ids).lastFrame());
    for (const c of plan.candidates.slice(0, 8)) {
      expect(f).toMatch(new RegExp(`\\[${ids.includes(c.id) ? 'x' : c.applicable ? ' ' : '-'}\\] ${c.id}`));
    }
  });

  it('--strategies preselects exactly those', () => {
    expect(suggestedStrategies(plan, ['slim', 'full'])).toEqual(['full', 'slim']);
  });

  it('explains the focused strategy and toggles with Space', async () => {
    const r = show(['full']);
    const first = plain(r.lastFrame());
    const full = plan.candidates.find((c) => c.id === 'full')!;
    expect(first).toContain(full.title);
    expect(first).toContain(full.teaches.slice(0, 40));
    await press(r.stdin, KEY.down);
    const slim = plan.candidates.find((c) => c.id === 'slim')!;
    await frameWith(r.lastFrame, slim.title);
    await press(r.stdin, KEY.space);
    await frameWith(r.lastFrame, /\[x\] slim/);
    await press(r.stdin, KEY.up, KEY.space, KEY.enter);
    expect(r.out.submitted).toEqual(['slim']);
    expect(r.out.changes.at(-1)).toEqual(['slim']);
  });

  it('asks for at least one', async () => {
    const r = show(['full']);
    await press(r.stdin, KEY.space, KEY.enter);
    await frameWith(r.lastFrame, 'Tick at least one strategy');
    expect(r.out.submitted).toBeUndefined();
  });
});
