import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/app.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { wizardCommand } from '../../src/commands/wizard.js';
import { describeError, errorText, UserError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { mb } from '../../src/report/units.js';
import { suggestedStrategies } from '../../src/session/index.js';
import type { RoundEvent } from '../../src/session/race-rounds.js';
import { frameWith, KEY, plain, press, renderAt, type, until } from './ink-helpers.js';
import { racedIds } from './recording-check.js';
import {
  loadRecording,
  type Recording,
  type ReplaySession,
  recordedOutcome,
  replaySession,
} from './replay-session.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(engine: ReplaySession) {
  let code: number | undefined;
  const r = render(
    <App
      session={engine}
      dir="."
      onExit={(c) => {
        code = c;
      }}
    />,
  );
  unmount = r.unmount;
  return { ...r, code: () => code };
}

type Wizard = ReturnType<typeof start>;

const recordedIds = (rec: Recording): string[] => racedIds(rec.entries);

/** From the project step to the strategies step, accepting every prefilled answer. */
async function toStrategies(w: Wizard) {
  await frameWith(w.lastFrame, /(Docker|Podman) unix:\/\//);
  await press(w.stdin, KEY.enter);
  await frameWith(w.lastFrame, '2/8 Dependencies');
  await press(w.stdin, KEY.enter);
  await frameWith(w.lastFrame, 'Do any dependencies compile native code?');
  await press(w.stdin, KEY.enter);
  const native = await frameWith(w.lastFrame, /System packages to build with|Libraries needed at run time/);
  if (native.includes('System packages to build with')) {
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Libraries needed at run time');
  }
  await press(w.stdin, KEY.enter);
  await frameWith(w.lastFrame, '4/8 Python and entry command');
  await press(w.stdin, KEY.enter);
  await frameWith(w.lastFrame, 'Entry command');
  await press(w.stdin, KEY.enter);
  return frameWith(w.lastFrame, '5/8 Strategies');
}

/** Space on exactly the options whose tick must change so that `wanted` is what races. */
async function tickExactly(w: Wizard, rec: Recording, wanted: string[]) {
  const have = suggestedStrategies(rec.plan);
  for (const c of rec.plan.candidates) {
    if (have.includes(c.id) !== wanted.includes(c.id)) await press(w.stdin, KEY.space);
    await press(w.stdin, KEY.down);
  }
}

describe('the whole wizard on a replayed race', () => {
  it('goes from the project to a written Dockerfile (pure project)', async () => {
    const rec = loadRecording('pure');
    const engine = replaySession(rec);
    const w = start(engine);
    const project = await frameWith(w.lastFrame, 'Docker unix:///var/run/docker.sock');
    expect(project).toContain('gunicorn app:app');
    const strategies = await toStrategies(w);
    // Suggested: the three most promising and the full baseline.
    const visible = rec.plan.candidates.slice(0, 8).map((c) => c.id);
    for (const id of suggestedStrategies(rec.plan).filter((x) => visible.includes(x))) {
      expect(strategies).toMatch(new RegExp(`\\[x\\] ${id}\\b`));
    }
    await tickExactly(w, rec, recordedIds(rec));
    await press(w.stdin, KEY.enter);
    const board = await frameWith(w.lastFrame, '7/8 Leaderboard', 20_000);
    expect([...engine.raced[0]!].sort()).toEqual([...recordedIds(rec)].sort());
    // Finished rows stay printed above the leaderboard, in the order they finished.
    const finished = rec.entries.flatMap((e) =>
      'event' in e && (e.event.type === 'done' || e.event.type === 'failed') ? [e.event.id] : [],
    );
    const printed = board.split('\n').flatMap((l) => (/^[✓✗] /.test(l) ? [l.slice(2).split(' ')[0]] : []));
    expect(printed).toEqual(finished);
    await press(w.stdin, 'w');
    await frameWith(w.lastFrame, 'Enter write');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'docker run --rm');
    const end = rec.entries.flatMap((e) =>
      'event' in e && e.event.type === 'race-end' ? [e.event] : [],
    )[0]!;
    const smallest = [...end.results]
      .filter((r) => !r.error && r.smoke.ok && r.missingLibraries.length === 0)
      .sort((a, b) => a.sizeBytes - b.sizeBytes)[0]!;
    expect(readFileSync(join(engine.root, 'Dockerfile'), 'utf8')).toContain(`strategy "${smallest.id}"`);
    expect(existsSync(join(engine.root, 'slim-py-report.md'))).toBe(true);
    await press(w.stdin, KEY.enter);
    await until(() => expect(w.code()).toBe(0));
  });

  it('takes native-compile answers and shows failures and repairs (libpq project)', async () => {
    const rec = loadRecording('libpq');
    const engine = replaySession(rec, {
      strategies: recordedIds(rec),
      holdBefore: (e: RoundEvent) => e.type === 'progress' && e.event.type === 'pip',
    });
    const w = start(engine);
    await frameWith(w.lastFrame, 'Docker unix:///var/run/docker.sock');
    await press(w.stdin, KEY.enter, KEY.enter);
    await frameWith(w.lastFrame, '❯ Yes: pqversion');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'build-essential, gcc, libc6-dev');
    await type(w.stdin, w.lastFrame, ', libpq-dev', 'libc6-dev, libpq-dev');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Libraries needed at run time');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Python version');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Entry command');
    // The answer went into every Dockerfile.
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '5/8 Strategies');
    await press(w.stdin, KEY.enter);
    // Mid-race: a live row with its bar and what it is doing.
    await engine.held;
    const live = await frameWith(w.lastFrame, /step \d+\/\d+/);
    expect(live).toContain('6/8 Race');
    expect(live).toMatch(/› \S+\s+[█░]+\s+\d+s /);
    // q asks; n goes on.
    await press(w.stdin, 'q');
    await frameWith(w.lastFrame, 'Stop the race and remove what it built? (y/n)');
    await press(w.stdin, 'n');
    await until(() => expect(plain(w.lastFrame())).not.toContain('(y/n)'));
    engine.release();
    const board = await frameWith(w.lastFrame, '7/8 Leaderboard', 20_000);
    // slim failed for want of libpq's headers; the engine named the package and raced it again.
    expect(board).toMatch(/✗ slim\s+failed at build/);
    expect(board).toMatch(/↻ slim\s+.* missing at build time: racing again with libpq-dev/);
    expect(board).toMatch(/✓ slim\s+\d/);
    await press(w.stdin, KEY.escape);
    // Back to the strategies: the race can be run again with other choices.
    await frameWith(w.lastFrame, '5/8 Strategies');
  });

  it('after a repair, writes the repaired Dockerfile and reports that one (libpq project)', async () => {
    const rec = loadRecording('libpq');
    const outcome = recordedOutcome(rec);
    const winner = outcome.board.winner!;
    // The recorded winner failed first (libpq's header or library missing) and passed repaired.
    expect(outcome.results.find((r) => r.id === winner)?.repairedWith?.length).toBeGreaterThan(0);
    const repaired = outcome.candidates.find((c) => c.id === winner)!.dockerfile;
    expect(repaired).not.toBe(rec.plan.candidates.find((c) => c.id === winner)!.dockerfile);
    const engine = replaySession(rec, { strategies: racedIds(rec.entries) });
    const w = start(engine);
    await toStrategies(w);
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '7/8 Leaderboard', 20_000);
    // A hurried user: Enter on every step, the leaderboard's included, writes the winner.
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, `Write ${winner}`);
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Next:');
    const written = readFileSync(join(engine.root, 'Dockerfile'), 'utf8');
    const report = JSON.parse(readFileSync(join(engine.root, 'slim-py-report.json'), 'utf8'));
    const reported = report.candidates.find((c: { id: string }) => c.id === winner).dockerfile;
    expect(reported).toBe(repaired);
    expect(written.endsWith(repaired)).toBe(true);
    await press(w.stdin, KEY.enter);
    await until(() => expect(w.code()).toBe(0));
  });

  it('stops cleanly on q y mid-race and says what it removed (exit 130)', async () => {
    const rec = loadRecording('cancelled');
    const engine = replaySession(rec, { strategies: recordedIds(rec) });
    const w = start(engine);
    await toStrategies(w);
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '6/8 Race');
    await press(w.stdin, 'q');
    await frameWith(w.lastFrame, '(y/n)');
    await press(w.stdin, 'y');
    const end = rec.entries.flatMap((e) =>
      'event' in e && e.event.type === 'race-end' ? [e.event] : [],
    )[0]!;
    const f = await frameWith(w.lastFrame, 'Stopped. The race was cancelled.');
    expect(end.cancelled).toBe(true);
    expect(f).toContain(`Removed ${end.removed!.images} image`);
    await until(() => expect(w.code()).toBe(130));
  });

  it('Ctrl-C during the race stops it without asking', async () => {
    const rec = loadRecording('cancelled');
    const w = start(replaySession(rec, { strategies: recordedIds(rec) }));
    await toStrategies(w);
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '6/8 Race');
    await press(w.stdin, KEY.ctrlC);
    await frameWith(w.lastFrame, 'Stopped.');
    await until(() => expect(w.code()).toBe(130));
  });

  it('a second Ctrl-C while stopping leaves at once and says how to clean up', async () => {
    const rec = loadRecording('cancelled');
    const engine = replaySession(rec, {
      strategies: recordedIds(rec),
      holdBefore: (e) => e.type === 'race-end',
    });
    const w = start(engine);
    await toStrategies(w);
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '6/8 Race');
    await press(w.stdin, KEY.ctrlC);
    // The engine is still cleaning up (held before its race-end).
    await engine.held;
    await frameWith(w.lastFrame, 'Stopping: cancelling builds');
    await press(w.stdin, KEY.ctrlC);
    await frameWith(w.lastFrame, '`slim-py clean` removes what this run made');
    await until(() => expect(w.code()).toBe(130));
    engine.release();
  });

  it('without a Docker engine: plan only, the recommended Dockerfile marked unmeasured', async () => {
    const rec = loadRecording('pure');
    const engine = replaySession(rec, {
      noEngine: new UserError(
        'No Docker engine answers at unix:///var/run/docker.sock (ENOENT).',
        'start Docker',
      ),
    });
    const w = start(engine);
    await frameWith(w.lastFrame, 'No Docker engine: candidates cannot be built or measured.');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '2/5 Dependencies');
    expect(plain(w.lastFrame())).toContain('plan only (no Docker)');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '3/5 Native compile');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Libraries needed at run time');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Python version');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Entry command');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '5/5 Write');
    await frameWith(w.lastFrame, `Write ${rec.plan.recommended.ids[0]} (recommended, UNMEASURED`);
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Next:');
    expect(engine.raced).toEqual([]);
    expect(readFileSync(join(engine.root, 'Dockerfile'), 'utf8')).toContain('UNMEASURED');
    await press(w.stdin, KEY.enter);
    await until(() => expect(w.code()).toBe(0));
  });

  it('plans again from scratch when the Python version changes', async () => {
    const rec = loadRecording('pure');
    const engine = replaySession(rec);
    const w = start(engine);
    await frameWith(w.lastFrame, 'Docker unix:///var/run/docker.sock');
    await press(w.stdin, KEY.enter, KEY.enter);
    await frameWith(w.lastFrame, 'Do any dependencies compile native code?');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Libraries needed at run time');
    await press(w.stdin, KEY.enter);
    // The list: the project's 3.11 first, then 3.9, 3.10, 3.12…, each with what it allows.
    await frameWith(w.lastFrame, /3\.11 +detected · \d+ strategies apply/);
    await frameWith(w.lastFrame, /3\.12 +\d+ strateg/);
    for (const v of ['3.9', '3.10', '3.12']) {
      await press(w.stdin, KEY.down);
      await frameWith(w.lastFrame, `❯ ${v} `);
    }
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '› 3.12');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, '5/8 Strategies');
    // The recorded plan first, then every other version once (the choice reuses its plan).
    expect(engine.planCalls[0]).toBeUndefined();
    expect(engine.planCalls.filter((v) => v === '3.12')).toEqual(['3.12']);
    // Esc goes back one step at a time, keeping the answers.
    await press(w.stdin, KEY.escape);
    expect(await frameWith(w.lastFrame, '4/8 Python')).toContain('3.12');
    await press(w.stdin, KEY.escape);
    await frameWith(w.lastFrame, '3/8 Native compile');
    await press(w.stdin, 'q');
    await until(() => expect(w.code()).toBe(1));
  });
});

/** Enter on the strategies step: the race step says it could not run and why; Esc goes back. */
async function refusedRace(session: ReplaySession, says: string[]) {
  const w = start(session);
  await toStrategies(w);
  await press(w.stdin, KEY.enter);
  const f = await frameWith(w.lastFrame, 'The race could not run');
  for (const text of says) expect(f).toContain(text);
  await press(w.stdin, KEY.escape);
  await frameWith(w.lastFrame, '5/8 Strategies');
}

describe('when the race cannot run', () => {
  it('says why and what to try; Esc goes back to the strategies', async () => {
    const rec = loadRecording('pure');
    const failRace = new UserError(
      'the build context is 812 MB, over the 500 MB limit',
      'add big folders to .dockerignore',
    );
    await refusedRace(replaySession(rec, { failRace, strategies: recordedIds(rec) }), [
      'the build context is 812 MB, over the 500 MB limit',
      'what to try: add big folders to .dockerignore',
    ]);
  });
});

describe('on an engine that builds differently', () => {
  // The same rule as the session's select: what the engine cannot build is shown unticked, with why.
  it('classic builder: the RUN --mount candidates are unticked with the reason, the race says what differs', async () => {
    const rec = loadRecording('pure');
    const wheels = rec.plan.candidates.find((c) => c.id === 'multistage-wheels');
    expect(wheels?.needsBuildKit).toBe(true);
    const engine = replaySession(rec, {
      engine: { builder: 'classic' },
      strategies: [...recordedIds(rec), 'multistage-wheels'],
    });
    const w = start(engine);
    const strategies = await toStrategies(w);
    expect(strategies).toMatch(/\[-\] multistage-wheels\s+not on this engine/);
    expect(strategies).toContain('not on this engine: multistage-wheels: only BuildKit builds RUN --mount');
    for (const id of recordedIds(rec)) expect(strategies).toMatch(new RegExp(`\\[x\\] ${id}\\b`));
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, /note: The engine builds with the classic builder/);
    const board = await frameWith(w.lastFrame, '7/8 Leaderboard', 20_000);
    expect(board).toContain('note: The engine builds with the classic builder');
    expect([...engine.raced[0]!].sort()).toEqual([...recordedIds(rec)].sort());
  });

  it('Podman: says how buildah builds before the race, and races every candidate', async () => {
    const rec = loadRecording('pure');
    const engine = replaySession(rec, {
      engine: {
        kind: 'podman',
        host: 'unix:///run/podman/podman.sock',
        serverVersion: '4.3.1',
        builder: 'classic',
      },
      strategies: recordedIds(rec),
    });
    const w = start(engine);
    await toStrategies(w);
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'note: Podman 4.3.1 builds with buildah, not BuildKit');
    const board = await frameWith(w.lastFrame, '7/8 Leaderboard', 20_000);
    expect(board).not.toContain('skipped');
    expect([...engine.raced[0]!].sort()).toEqual([...recordedIds(rec)].sort());
  });

  it('--strategies names only what the engine cannot build: nothing is ticked, the step says why', async () => {
    const rec = loadRecording('pure');
    const w = start(
      replaySession(rec, { engine: { builder: 'classic' }, strategies: ['multistage-wheels'] }),
    );
    const f = await toStrategies(w);
    expect(f).not.toContain('[x]');
    expect(f).toContain('not on this engine: multistage-wheels: only BuildKit builds RUN --mount');
    await press(w.stdin, KEY.enter);
    await frameWith(w.lastFrame, 'Tick at least one strategy');
  });
});

describe('at 60 columns', () => {
  it('never draws a line wider than the terminal, in any step', async () => {
    const rec = loadRecording('libpq');
    const engine = replaySession(rec, { strategies: recordedIds(rec) });
    const r = renderAt(<App session={engine} dir="." />, 60, 24);
    unmount = r.unmount;
    const w = { ...r, code: () => undefined } as unknown as Wizard;
    await toStrategies(w);
    await press(r.stdin, KEY.enter);
    const board = await frameWith(r.lastFrame, '7/8 Leaderboard', 10_000);
    // Rows are cut, never wrapped: each candidate's row holds its id, bar, size, cold start, × and verdict on one line.
    const end = rec.entries.flatMap((e) =>
      'event' in e && e.event.type === 'race-end' ? [e.event] : [],
    )[0]!;
    for (const res of end.results) {
      expect(board).toMatch(
        new RegExp(
          `^[› ] ${res.id}[ ★]*\\s+█+\\s+${mb(res.sizeBytes)}\\s+(\\d+ ms|-)\\s+\\S+\\s+[✓✗]\\s*$`,
          'm',
        ),
      );
    }
    for (const line of board.split('\n').filter((l) => /^[✓✗↻] /.test(l)))
      expect(line).toMatch(/MB|failed|missing/);
    await press(r.stdin, 'd');
    await frameWith(r.lastFrame, 'Layers of');
    await press(r.stdin, KEY.escape, 'w');
    await frameWith(r.lastFrame, 'Enter write');
    await press(r.stdin, KEY.enter);
    await frameWith(r.lastFrame, 'Next:');
    const wide = r.frames
      .flatMap((f) => plain(f).split('\n'))
      // The next commands wrap on purpose: they are copied whole.
      .filter((l) => [...l].length > 60 && !/docker build|--build-arg|PIP_/.test(l));
    expect(wide).toEqual([]);
  });
});

describe('wizardCommand', () => {
  it('is not started without a terminal: it points to race --yes (bad input)', async () => {
    expect(process.stdin.isTTY && process.stdout.isTTY).toBeFalsy();
    const report = describeError(await wizardCommand(parseCliArgs(['some/dir']).flags).catch((e) => e));
    expect(report.exitCode).toBe(EXIT.badInput);
    const text = errorText(report);
    expect(text).toContain('slim-py: the wizard needs a terminal');
    expect(text).toContain('what to try: slim-py race some/dir --yes');
  });

  it('refuses an unknown --strategies id before starting', async () => {
    await expect(wizardCommand(parseCliArgs(['--strategies', 'tiny']).flags)).rejects.toThrow(
      /unknown strategy "tiny"/,
    );
  });
});
