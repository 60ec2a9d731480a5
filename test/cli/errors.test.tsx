import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { UserErrorView } from '../../components/widgets/user-error.js';
import { Cancelled, describeError, errorText, UserError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';

describe('one error path', () => {
  it("the user's mistake: where, what, what to try; exit 2", () => {
    const e = new UserError('unknown option --pyton', 'did you mean --python?', { file: 'x.txt', line: 3 });
    const r = describeError(e);
    expect(r).toMatchObject({ kind: 'user', exitCode: EXIT.badInput });
    expect(errorText(r)).toBe(
      'slim-py: x.txt:3: unknown option --pyton\n  what to try: did you mean --python?\n',
    );
  });

  it('a problem with several parts: one line each, each made safe like the message', () => {
    const e = new UserError(
      '2 base images cannot be used, nothing was built:',
      'use --image ROLE=REF',
      undefined,
      ['the full image a:1 does not exist', 'the slim image b:1\ncannot be fetched'],
    );
    expect(errorText(describeError(e))).toBe(
      'slim-py: 2 base images cannot be used, nothing was built:\n' +
        '  the full image a:1 does not exist\n  the slim image b:1\\ncannot be fetched\n' +
        '  what to try: use --image ROLE=REF\n',
    );
    const { lastFrame, unmount } = render(<UserErrorView error={e} />);
    expect(lastFrame()).toContain('the full image a:1 does not exist');
    unmount();
  });

  it('a cancellation: said once, nothing to try; exit 130', () => {
    const r = describeError(new Cancelled('nothing was built: the race needs a yes'));
    expect(r).toMatchObject({ kind: 'cancelled', exitCode: EXIT.cancelled });
    expect(errorText(r)).toBe('slim-py: nothing was built: the race needs a yes\n');
  });

  it('a bug of ours: how to report it; the stack only with SLIM_PY_DEBUG; exit 70', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const plain = describeError(bug, {});
    expect(plain).toMatchObject({ kind: 'bug', exitCode: EXIT.bug });
    expect(errorText(plain)).toBe(
      "slim-py: internal error: Cannot read properties of undefined (reading 'id')\n  what to try: rerun with SLIM_PY_DEBUG=1 and report the output\n",
    );
    expect(errorText(describeError(bug, { SLIM_PY_DEBUG: '1' }))).toContain('at ');
    expect(describeError('a thrown string', {}).message).toBe('internal error: a thrown string');
  });

  it('the wizard draws the same words', () => {
    for (const e of [new UserError('bad', 'try this', { file: 'f', line: 1 }), new Error('boom')]) {
      const r = describeError(e, {});
      const { lastFrame, unmount } = render(<UserErrorView error={e} />);
      expect(lastFrame()).toContain(`${r.where}${r.message}`);
      expect(lastFrame()).toContain(`what to try: ${r.hint}`);
      unmount();
    }
  });
});
