import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../src/docker/engine.js';
import { createThrottle } from '../../src/race/throttle.js';

const log = (line: string): BuildEvent => ({ type: 'log', line });

describe('progress throttle', () => {
  it('lets at most one event per kind through per interval, newest wins on flush', () => {
    const t = createThrottle(125);
    const out: BuildEvent[] = [];
    // 1000 log lines in one second, as a chatty pip install sends them.
    for (let ms = 0; ms < 1000; ms++) {
      out.push(...t.offer(log(`l${ms}`), ms));
      out.push(...t.flush(ms));
    }
    expect(out.length).toBe(8);
    expect(out.map((e) => e.type === 'log' && e.line)).toEqual([
      'l0',
      'l125',
      'l250',
      'l375',
      'l500',
      'l625',
      'l750',
      'l875',
    ]);
    // The last pending line shows once its interval is over, even if nothing else arrives.
    expect(t.flush(1000)).toEqual([log('l999')]);
    expect(t.flush(2000)).toEqual([]);
  });

  it('kinds are throttled separately; steps and terminal events always pass', () => {
    const t = createThrottle(125);
    expect(t.offer(log('a'), 0)).toEqual([log('a')]);
    expect(t.offer({ type: 'pull', current: 1, total: 2 }, 1)).toHaveLength(1);
    expect(t.offer(log('b'), 2)).toEqual([]);
    const step: BuildEvent = { type: 'step', n: 2, of: 3, instruction: 'RUN x' };
    expect(t.offer(step, 3)).toEqual([step]);
    expect(t.offer(step, 4)).toEqual([step]);
    const built: BuildEvent = { type: 'built', imageId: 'sha256:1', builder: 'buildkit' };
    expect(t.offer(built, 5)).toEqual([built]);
    // The terminal event drops what was pending: a stale log line after "built" would mislead.
    expect(t.flush(1000)).toEqual([]);
  });
});
