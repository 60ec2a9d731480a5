import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PythonEntryStep } from '../../../components/steps/python-entry/python-entry-step.js';
import { UserError } from '../../../src/errors.js';
import type { PythonChoice } from '../../../src/session/index.js';
import { frameWith, KEY, plain, press, type } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const { project } = loadRecording('pure').plan;

function show(extra: { busy?: string; error?: unknown; choices?: PythonChoice[] } = {}) {
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

  it('offers 3.9–3.14 with what each allows and takes the chosen one', async () => {
    const choices: PythonChoice[] = [
      {
        version: '3.11',
        detected: true,
        applicable: ['full', 'slim'],
        problems: [],
        compiles: 0,
        cannotInstall: 0,
      },
      ...['3.9', '3.10', '3.12', '3.13', '3.14'].map((version) => ({
        version,
        detected: false,
        applicable: ['full' as const],
        problems: [
          `markupsafe: no cp${version.replace('.', '')} wheel and no sdist on this index — cannot install — 3.11 has wheels`,
        ],
        compiles: 0,
        cannotInstall: 1,
      })),
    ];
    const r = show({ choices });
    const f = await frameWith(
      r.lastFrame,
      '3.11  detected · 2 strategies apply · every dependency has a wheel',
    );
    expect(f).toContain('3.13  1 strategy applies · 1 cannot install');
    expect(f).toContain('applies: full, slim');
    for (const v of ['3.9', '3.10', '3.12', '3.13']) {
      await press(r.stdin, KEY.down);
      await frameWith(r.lastFrame, `❯ ${v} `);
    }
    await frameWith(
      r.lastFrame,
      'markupsafe: no cp313 wheel and no sdist on this index — cannot install — 3.11 has wheels',
    );
    await press(r.stdin, KEY.enter);
    await frameWith(r.lastFrame, '› 3.13');
    // `q` is a letter in the entry field, not quit.
    await type(r.stdin, r.lastFrame, ' q', `${project.entry!.command} q`);
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ python: '3.13', entry: `${project.entry!.command} q` });
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
