import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PythonEntryStep } from '../../../components/steps/python-entry/python-entry-step.js';
import { UserError } from '../../../src/errors.js';
import { frameWith, KEY, plain, press, type } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const { project } = loadRecording('pure').plan;

function show(extra: { busy?: string; error?: unknown } = {}) {
  const out: { answer?: { python: string; entry: string } } = {};
  const r = render(
    <PythonEntryStep
      project={project}
      python="3.11"
      entry={project.entry!.command}
      {...extra}
      onSubmit={(a) => {
        out.answer = a;
      }}
    />,
  );
  cleanup = r.unmount;
  return { ...r, out };
}

describe('python and entry step', () => {
  it('is prefilled and says where the values came from', async () => {
    const r = show();
    expect(plain(r.lastFrame())).toContain('found 3.11: .python-version:1, from .python-version');
    await press(r.stdin, KEY.enter);
    const f = await frameWith(r.lastFrame, 'Entry command');
    expect(f).toContain(`found ${project.entry!.command}: app.py:`);
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ python: '3.11', entry: project.entry!.command });
  });

  it('refuses a version that is not major.minor and takes an edited one', async () => {
    const r = show();
    await press(r.stdin, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
    await type(r.stdin, r.lastFrame, 'x');
    await press(r.stdin, KEY.enter);
    await frameWith(r.lastFrame, '"x" is not a Python version');
    await press(r.stdin, KEY.backspace);
    await type(r.stdin, r.lastFrame, '3.12');
    await press(r.stdin, KEY.enter);
    await frameWith(r.lastFrame, '› 3.12');
    // `q` is a letter here, not quit.
    await type(r.stdin, r.lastFrame, ' q', `${project.entry!.command} q`);
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ python: '3.12', entry: `${project.entry!.command} q` });
  });

  it('shows the re-plan and its error', async () => {
    const r = show({ error: new UserError('Python 3.99 is not in the catalog', 'pick 3.9 to 3.13') });
    expect(plain(r.lastFrame())).toContain('what to try: pick 3.9 to 3.13');
    await press(r.stdin, KEY.enter);
    cleanup?.();
    const b = show({ busy: 'Planning again for Python 3.12…' });
    await press(b.stdin, KEY.enter);
    await frameWith(b.lastFrame, 'Planning again for Python 3.12…');
  });
});
