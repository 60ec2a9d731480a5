import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from '../../src/commands/race-progress.js';

describe('headless progress', () => {
  it('says which cold starts are measured again and what that found', () => {
    const lines: string[] = [];
    const print = createProgressPrinter(
      (l) => lines.push(l),
      () => 0,
    );
    print({ type: 'startup-recheck', ids: ['multistage-user', 'closure'] });
    print({
      type: 'startup-rechecked',
      figures: [
        { id: 'multistage-user', before: 13.8, after: 13.8 },
        { id: 'closure', before: 21.4, after: 15.1 },
      ],
      seconds: 2.04,
    });
    expect(lines).toEqual([
      '   0s cold start measured again, side by side: multistage-user, closure',
      '   0s cold start again (2.0 s, least CPU time): multistage-user 14 ms, closure 21 ms → 15 ms',
    ]);
  });
});
