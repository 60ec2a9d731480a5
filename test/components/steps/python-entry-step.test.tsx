import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PythonEntryStep } from '../../../components/steps/python-entry/python-entry-step.js';
import { UserError } from '../../../src/errors.js';
import type { Project } from '../../../src/project/types.js';
import type { EntryAnswer, PythonChoice } from '../../../src/session/index.js';
import { planProject } from '../../../src/session/plan.js';
import { FIXTURES } from '../../project/temp-project.js';
import { frameWith, KEY, plain, press, type, until } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const { project } = loadRecording('pure').plan;

function show(
  extra: { busy?: string; error?: unknown; choices?: PythonChoice[]; picked?: boolean } = {},
  of: Project = project,
  entry: EntryAnswer = { picked: of.entry! },
) {
  const out: { answer?: { python: string; entry: EntryAnswer }; typing?: boolean; own?: boolean } = {};
  const r = render(
    <PythonEntryStep
      project={of}
      python="3.11"
      entry={entry}
      onTyping={(t) => {
        out.typing = t;
      }}
      onOwnEscape={(own) => {
        out.own = own;
      }}
      {...extra}
      onSubmit={(a) => {
        out.answer = a;
      }}
    />,
  );
  cleanup = r.unmount;
  return { ...r, out };
}

/** The write-up's layout: a guessed gunicorn server and a script, both in src/. */
async function writeupProject(): Promise<Project> {
  return (await planProject({ dir: `${FIXTURES}/e2e-writeup`, images: [], offline: true })).project;
}

describe('python and entry step', () => {
  it('is prefilled and says where the values came from', async () => {
    const r = show();
    expect(plain(r.lastFrame())).toContain('found 3.11: .python-version:1, from .python-version');
    await press(r.stdin, KEY.enter);
    const f = await frameWith(r.lastFrame, 'Entry command');
    expect(f).toContain(`❯ ${project.entry!.command} (guessed)`);
    expect(f).toContain('listens on $PORT (8000) · runs at the root · from app.py:4');
    expect(f).toContain('guessed: Flask app `app` in app.py:4 and gunicorn');
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ python: '3.11', entry: { picked: project.entry } });
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
        ...(version === '3.9' ? { endOfLife: 'October 2025' } : {}),
      })),
    ];
    const r = show({ choices });
    const f = await frameWith(
      r.lastFrame,
      '3.11  detected · 2 strategies apply · every dependency has a wheel',
    );
    expect(f).toContain('3.13  1 strategy applies · 1 cannot install');
    expect(f).toContain('3.9   end of life since October 2025 · 1 strategy applies · 1 cannot install');
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
    await press(r.stdin, KEY.down);
    await frameWith(r.lastFrame, '❯ type another command');
    await press(r.stdin, KEY.enter);
    await until(() => expect(r.out.typing).toBe(true));
    // `q` is a letter in the entry field, not quit.
    await type(r.stdin, r.lastFrame, ' q', `${project.entry!.command} q`);
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ python: '3.13', entry: { typed: `${project.entry!.command} q` } });
  });

  it('says a version picked in this step was picked here, and one from the flag that it was given', async () => {
    const fromFlag = {
      ...project,
      python: { version: '3.12', source: { file: '--python' }, reason: 'given with --python' },
    };
    const choice = (version: string): PythonChoice => ({
      version,
      detected: version === '3.11',
      applicable: ['full'],
      problems: [],
      compiles: 0,
      cannotInstall: 0,
    });
    const picked = show({ picked: true, choices: ['3.11', '3.12'].map(choice) }, fromFlag);
    expect(plain(picked.lastFrame())).toContain('picked 3.12 in this step; detected: 3.11');
    cleanup?.();
    const flag = show({}, fromFlag);
    expect(plain(flag.lastFrame())).toContain('3.12: given with --python');
    expect(plain(flag.lastFrame())).not.toContain('found');
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

  it('offers every found command: arrow down and Enter picks the second, whole', async () => {
    const writeup = await writeupProject();
    const r = show({}, writeup);
    await press(r.stdin, KEY.enter);
    const f = await frameWith(r.lastFrame, 'found 2 commands, the likeliest first');
    expect(f).toContain('❯ gunicorn server:server (guessed)');
    expect(f).toContain('  python server.py (guessed)');
    expect(f).toContain('  type another command');
    expect(f).toContain('listens on $PORT (8000) · runs in src/ · from src/server.py:3');
    await press(r.stdin, KEY.down);
    const second = await frameWith(r.lastFrame, '❯ python server.py');
    expect(second).toContain('src/server.py runs as a script');
    expect(second).toContain('has no port · runs in src/ · from src/server.py:11');
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ python: '3.11', entry: { picked: writeup.entryChoices[1] } });
    expect(r.out.typing).toBe(false);
  });

  it('the field says what a typed command keeps, and Esc goes back to the list', async () => {
    const writeup = await writeupProject();
    const r = show({}, writeup);
    await press(r.stdin, KEY.enter, KEY.down, KEY.down);
    await frameWith(r.lastFrame, '❯ type another command');
    await press(r.stdin, KEY.enter);
    const field = await frameWith(
      r.lastFrame,
      'like gunicorn server:server, it listens on $PORT (8000) · runs in src/',
    );
    expect(field).toContain('Esc list');
    expect(r.out.own).toBe(true);
    await press(r.stdin, KEY.escape);
    await frameWith(r.lastFrame, '❯ type another command');
    expect(r.out.own).toBe(false);
    expect(r.out.answer).toBeUndefined();
  });

  it('with nothing found, the text field at once', async () => {
    const none: Project = { ...project, entry: undefined, entryChoices: [] };
    const r = show({}, none, { typed: '' });
    await press(r.stdin, KEY.enter);
    const f = await frameWith(r.lastFrame, 'none found: type the command');
    expect(f).not.toContain('type another command');
    await until(() => expect(r.out.typing).toBe(true));
    await type(r.stdin, r.lastFrame, 'python main.py', 'python main.py');
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ python: '3.11', entry: { typed: 'python main.py' } });
  });
});
