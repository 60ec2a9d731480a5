import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { StrategiesStep } from '../../../components/steps/strategies/strategies-step.js';
import { suggestedStrategies, unbuildable } from '../../../src/session/index.js';
import type { StrategyId } from '../../../src/strategies/types.js';
import { frameWith, KEY, plain, press, until } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const { plan } = loadRecording('libpq');

function show(selected: StrategyId[], cannot: { id: StrategyId; reason: string }[] = []) {
  const out: { changes: StrategyId[][]; submitted?: StrategyId[] } = { changes: [] };
  const step = (unbuildable: typeof cannot) => (
    <StrategiesStep
      candidates={plan.candidates}
      selected={selected}
      recommended={plan.recommended.ids}
      unbuildable={unbuildable}
      onChange={(ids) => out.changes.push(ids)}
      onSubmit={(ids) => {
        out.submitted = ids;
      }}
    />
  );
  const r = render(step(cannot));
  cleanup = r.unmount;
  return { ...r, out, engineAnswers: (u: typeof cannot) => r.rerender(step(u)) };
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

  describe('what the engine cannot build', () => {
    const classic = { kind: 'docker', builder: 'classic', serverVersion: '20.10.24' } as const;
    const cannot = unbuildable(plan.candidates, classic);

    it('is unticked, cannot be ticked, and one dim line says why', async () => {
      expect(cannot.map((c) => c.id)).toContain('multistage-wheels');
      const r = show(['full', 'multistage-wheels'], cannot);
      const f = plain(r.lastFrame());
      expect(f).toMatch(/\[-\] multistage-wheels\s+not on this engine/);
      expect(f).toContain(
        `not on this engine: ${cannot.map((c) => c.id).join(', ')}: only BuildKit builds RUN --mount`,
      );
      expect(f.match(/^ {2}not on this engine: /gm)).toHaveLength(1);
      expect(r.out.changes.at(-1)).toEqual(['full']);
      const at = plan.candidates.findIndex((c) => c.id === 'multistage-wheels');
      await press(r.stdin, ...Array(at).fill(KEY.down));
      // Focused, its detail says why in full (the line under the list is cut at the edge).
      const why = `not on this engine: ${cannot.find((c) => c.id === 'multistage-wheels')!.reason}`;
      // The detail wraps at the edge: compare the words.
      const words = new RegExp(
        why
          .split(' ')
          .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('\\s+'),
      );
      await frameWith(r.lastFrame, words);
      await press(r.stdin, KEY.space, KEY.enter);
      expect(r.out.submitted).toEqual(['full']);
    });

    it('answering while the step is shown unticks it there and then', async () => {
      const r = show(['full', 'multistage-wheels']);
      expect(plain(r.lastFrame())).toMatch(/\[x\] multistage-wheels/);
      r.engineAnswers(cannot);
      await frameWith(r.lastFrame, /\[-\] multistage-wheels/);
      await until(() => expect(r.out.changes.at(-1)).toEqual(['full']));
      await press(r.stdin, KEY.enter);
      expect(r.out.submitted).toEqual(['full']);
    });
  });
});
