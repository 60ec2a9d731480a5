import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { outcome, PATHOLOGICAL } from './pathological-inputs.js';

// How fast these run is the bench's business (`npm run bench`: size and 4× size side by side);
// here each must come back (vitest's timeout catches a hang) with a result or a UserError, and
// the inputs of n entries must keep every one.
describe('pathological inputs come back with an answer', () => {
  it.each(PATHOLOGICAL.map((p) => [p.name, p] as const))(
    '%s',
    (_, input) => {
      const got = outcome(input);
      expect(got).toBeDefined();
      if (input.kept) expect(input.kept(got)).toBe(input.size);
    },
    60_000,
  );

  it('refuses a marker nested a million deep with a UserError, not a stack overflow', () => {
    const nested = PATHOLOGICAL.find((p) => p.name === 'deeply nested marker parentheses')!;
    expect(outcome(nested)).toBeInstanceOf(UserError);
  }, 60_000);
});
