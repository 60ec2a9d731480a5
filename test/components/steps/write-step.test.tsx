import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { hunks, lineDiff } from '../../../components/steps/write/line-diff.js';
import { nextCommands } from '../../../components/steps/write/next-commands.js';
import { WriteStep } from '../../../components/steps/write/write-step.js';
import type { WriteChoice } from '../../../src/session/index.js';
import type { Options } from '../../../src/strategies/types.js';
import { flaskProject, flaskVerdicts, inputFor } from '../../strategies/projects.js';
import { frameWith, KEY, press, until } from '../ink-helpers.js';
import { loadRecording, recordedOutcome, replaySession } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function setup(existing?: string) {
  const rec = loadRecording('pure');
  const engine = replaySession(rec);
  if (existing !== undefined) writeFileSync(join(engine.root, 'Dockerfile'), existing);
  const plan = await engine.plan();
  const race = recordedOutcome(rec);
  const choice: WriteChoice = { plan, id: race.board.winner!, race };
  const out = { written: 0, done: 0 };
  const r = render(
    <WriteStep
      session={engine}
      choice={choice}
      name="e2e-pure"
      onWritten={() => out.written++}
      onDone={() => out.done++}
    />,
  );
  cleanup = r.unmount;
  return { ...r, engine, out, choice };
}

describe('write step', () => {
  it('shows what will be written, writes it, then the next commands', async () => {
    const r = await setup();
    const f = await frameWith(r.lastFrame, `Write ${r.choice.id}`);
    expect(f).toContain('Dockerfile new');
    expect(f).toContain('.dockerignore missing: written with default rules');
    expect(f).toContain('slim-py-report.md report');
    expect(f).toContain('# Written by slim-py on 2025-01-02');
    await press(r.stdin, KEY.enter);
    const done = await frameWith(r.lastFrame, 'Next:');
    expect(done).toContain('✓ created Dockerfile');
    // The recorded engine has no bridge network, so the build needs the host's (as the race did);
    // the context is the project, written from where slim-py runs (relative when that is shorter).
    const build = /docker build --network host -t e2e-pure (\S+)/.exec(done);
    expect(build, done).not.toBeNull();
    expect(resolve(process.cwd(), build![1]!)).toBe(r.engine.root);
    expect(done).toContain('docker run --rm e2e-pure');
    expect(readFileSync(join(r.engine.root, 'Dockerfile'), 'utf8')).toContain(`strategy "${r.choice.id}"`);
    expect(r.out.written).toBe(1);
    await press(r.stdin, KEY.enter);
    expect(r.out.done).toBe(1);
  });

  it('diffs an existing Dockerfile and names its backup', async () => {
    const old =
      'FROM python:3.11\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD ["gunicorn", "app:app"]\n';
    const r = await setup(old);
    const f = await frameWith(r.lastFrame, 'Changes to the existing Dockerfile:');
    expect(f).toContain('replaces the existing one; it is kept as Dockerfile.slim-py-backup');
    expect(f).toContain('- FROM python:3.11');
    expect(f).toMatch(/\+ # Written by slim-py/);
    await press(r.stdin, KEY.enter);
    const done = await frameWith(r.lastFrame, 'previous kept as Dockerfile.slim-py-backup');
    expect(done).toContain('✓ replaced Dockerfile');
    expect(readFileSync(join(r.engine.root, 'Dockerfile.slim-py-backup'), 'utf8')).toBe(old);
  });

  it('says unmeasured when there was no race', async () => {
    const rec = loadRecording('pure');
    const engine = replaySession(rec);
    const plan = await engine.plan();
    const r = render(
      <WriteStep
        session={engine}
        choice={{ plan, id: plan.recommended.ids[0]! }}
        name="x"
        onWritten={() => {}}
        onDone={() => {}}
      />,
    );
    cleanup = r.unmount;
    const f = await frameWith(r.lastFrame, 'UNMEASURED');
    expect(f).not.toContain('slim-py-report.md');
    await press(r.stdin, KEY.enter);
    await until(() => expect(readFileSync(join(engine.root, 'Dockerfile'), 'utf8')).toContain('UNMEASURED'));
  });
});

describe('line diff', () => {
  it('keeps common lines and marks the rest', () => {
    const d = lineDiff('a\nb\nc\nd\n', 'a\nx\nc\nd\ne\n');
    expect(d.map((l) => `${l.op}${l.text}`)).toEqual([' a', '-b', '+x', ' c', ' d', '+e']);
    expect(hunks(d, 0).map((l) => (l ? `${l.op}${l.text}` : '⋯'))).toEqual(['-b', '+x', '⋯', '+e']);
  });
});

describe('next commands', () => {
  const options = (o: Partial<Options> = {}): Options => ({
    ...inputFor(flaskProject, flaskVerdicts).options,
    ...o,
  });
  it('builds from where slim-py was started, with the index as ARG defaults and the network', () => {
    expect(
      nextCommands({
        root: '/work/app',
        dockerfile: '/work/app/Dockerfile',
        name: 'app',
        options: options({ indexUrl: 'http://127.0.0.1:8765/simple/' }),
        network: 'host',
        cwd: '/work',
      }),
    ).toEqual(['docker build --network host -t app app', 'docker run --rm app']);
    expect(
      nextCommands({
        root: '/w/app',
        dockerfile: '/w/app/docker/Dockerfile',
        name: 'a',
        options: options(),
        cwd: '/w/app',
      })[0],
    ).toBe('docker build -f docker/Dockerfile -t a .');
    expect(
      nextCommands({
        root: '/tmp/p',
        dockerfile: '/tmp/p/Dockerfile',
        name: 'a',
        options: options(),
        cwd: '/work/main',
      })[0],
    ).toBe('docker build -t a /tmp/p');
  });

  it('an index password: a netrc secret on BuildKit, a build arg from the environment on the classic builder; never the password', () => {
    const url = 'https://me:hunter2@pypi.corp/simple/';
    const bk = nextCommands({
      root: '/p',
      dockerfile: '/p/Dockerfile',
      name: 'My App',
      options: options({ indexUrl: url }),
      needsBuildKit: true,
      cwd: '/p',
    });
    expect(bk[0]).toBe('DOCKER_BUILDKIT=1 docker build --secret id=netrc,src=$HOME/.netrc -t my-app .');
    expect(bk[1]).toMatch(/machine pypi.corp login USER password \*\*\*/);
    const classic = nextCommands({
      root: '/p',
      dockerfile: '/p/Dockerfile',
      name: 'a',
      options: options({ indexUrl: url, builder: 'classic' }),
      cwd: '/p',
    });
    expect(classic[0]).toBe('docker build --build-arg PIP_INDEX_URL -t a .');
    expect(classic.join('\n')).toContain('https://me:***@pypi.corp/simple/');
    expect([...bk, ...classic].join('\n')).not.toContain('hunter2');
  });
});
