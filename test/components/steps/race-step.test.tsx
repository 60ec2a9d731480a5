import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { activity, fraction } from '../../../components/steps/race/activity.js';
import { PrintedLines } from '../../../components/steps/race/printed-lines.js';
import {
  type CandidateView,
  initialRace,
  liveIds,
  type RaceView,
  raceReducer,
} from '../../../components/steps/race/race-state.js';
import { RaceStep } from '../../../components/steps/race/race-step.js';
import { mb } from '../../../src/report/units.js';
import type { SessionEvent } from '../../../src/session/index.js';
import { frameWith, plain, press, until } from '../ink-helpers.js';
import { loadRecording, sessionEvents } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const rec = loadRecording('libpq');
const events = sessionEvents(rec);
const ids = (events[0]!.event as Extract<SessionEvent, { type: 'race-start' }>).candidates;

/** The view after the first `n` recorded events. */
function viewAfter(n: number): RaceView {
  return events.slice(0, n).reduce((v, { t, event }) => raceReducer(v, event, t), initialRace(ids, 0));
}

describe('race state', () => {
  it('folds a whole recorded race: every candidate finished, results at the end', () => {
    const v = viewAfter(events.length);
    expect(liveIds(v)).toEqual([]);
    expect(v.end?.cancelled).toBe(false);
    expect(v.end?.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    const finished = v.printed.filter((p) => p.kind === 'finished');
    expect(finished.length).toBeGreaterThanOrEqual(ids.length);
  });

  it('says what a candidate is doing, from the real events', () => {
    const at = (pred: (e: SessionEvent) => boolean) => {
      const i = events.findIndex((x) => pred(x.event));
      expect(i).toBeGreaterThan(0);
      const e = events[i]!.event as { id: CandidateView['id'] };
      return viewAfter(i + 1).rows[e.id]!;
    };
    const step = at((e) => e.type === 'progress' && e.event.type === 'step' && e.event.n > 1);
    expect(activity(step)).toMatch(/^step \d+\/\d+ (RUN|COPY|WORKDIR|FROM|ARG|ENV|USER)/);
    const pip = at(
      (e) => e.type === 'progress' && e.event.type === 'pip' && e.event.phase === 'building-wheel',
    );
    expect(activity(pip)).toMatch(/^step \d+\/\d+ pip building wheel pqversion/);
    expect(activity(at((e) => e.type === 'smoke'))).toBe('smoke test');
    expect(fraction(step)).toBeGreaterThan(0);
    expect(fraction(step)).toBeLessThan(fraction(at((e) => e.type === 'smoke')));
  });

  it('says how much of a pull is done', () => {
    const c: CandidateView = {
      id: 'slim',
      phase: 'building',
      log: [],
      pull: { ref: 'python:3.12-slim', current: 18_450_000, total: 41_000_000 },
    };
    expect(activity(c)).toBe('pulling python:3.12-slim 45% of 41.0 MB');
  });
});

describe('race step', () => {
  it('shows live rows with a bar, elapsed time and activity; finished rows are printed once above', async () => {
    const firstDone = events.findIndex((e) => e.event.type === 'done' || e.event.type === 'failed');
    let view = viewAfter(firstDone);
    let now = events[firstDone - 1]!.t;
    const tree = () => (
      <>
        <PrintedLines printed={view.printed} width={100} />
        <RaceStep
          view={view}
          now={() => now}
          settings={{ concurrency: 2, keep: false }}
          confirmQuit={false}
        />
      </>
    );
    const r = render(tree());
    cleanup = r.unmount;
    const live = plain(r.lastFrame());
    expect(live).toContain(
      // The engine line: kind and version, builder, network.
      `Racing ${ids.length} on ${rec.engine.host} (docker ${rec.engine.serverVersion}, buildkit, network host), 2 at a time`,
    );
    expect(live).toMatch(/› \S+\s+[█░]+\s+(\d+m)?\d+s /);
    expect(live).toContain('↑↓ focus · l log · q stop');
    // The next event finishes a candidate: it is printed once above the live rows, and leaves them.
    const done = events[firstDone]!.event as Extract<SessionEvent, { type: 'done' | 'failed' }>;
    view = raceReducer(view, done, events[firstDone]!.t);
    now = events[firstDone]!.t;
    r.rerender(tree());
    const after = await frameWith(r.lastFrame, done.type === 'done' ? `✓ ${done.id}` : `✗ ${done.id}`);
    if (done.type === 'done') expect(after).toContain(mb(done.result.sizeBytes));
    expect(after.split('\n').filter((l) => l.includes(done.id))).toHaveLength(1);
    r.rerender(tree());
    expect(
      plain(r.lastFrame())
        .split('\n')
        .filter((l) => l.includes(done.id)),
    ).toHaveLength(1);
  });

  it('l shows the log tail of the focused candidate', async () => {
    const i = events.findIndex((e) => e.event.type === 'progress' && e.event.event.type === 'log');
    const view = viewAfter(i + 5);
    const r = render(
      <RaceStep view={view} now={() => 0} settings={{ concurrency: 2, keep: false }} confirmQuit={false} />,
    );
    cleanup = r.unmount;
    await press(r.stdin, 'l');
    const focused = liveIds(view)[0]!;
    const f = await frameWith(r.lastFrame, `log of ${focused}`);
    for (const line of view.rows[focused]!.log.slice(-2)) expect(f).toContain(line.slice(0, 30).trim());
    await press(r.stdin, 'l');
    await until(() => expect(plain(r.lastFrame())).not.toContain(`log of ${focused}`));
  });

  it('asks before stopping, then says it is cleaning up, then what it removed', () => {
    const view = viewAfter(10);
    const r = render(
      <RaceStep view={view} now={() => 0} settings={{ concurrency: 2, keep: false }} confirmQuit />,
    );
    cleanup = r.unmount;
    expect(plain(r.lastFrame())).toContain('Stop the race and remove what it built? (y/n)');
    r.rerender(
      <RaceStep
        view={{ ...view, stopping: true }}
        now={() => 0}
        settings={{ concurrency: 2, keep: false }}
        confirmQuit={false}
      />,
    );
    expect(plain(r.lastFrame())).toContain('Stopping: cancelling builds and removing');
    const ended: RaceView = {
      ...view,
      stopping: true,
      end: { results: [], cancelled: true, removed: { images: 3, containers: 1 } },
    };
    r.rerender(
      <RaceStep view={ended} now={() => 0} settings={{ concurrency: 2, keep: false }} confirmQuit={false} />,
    );
    expect(plain(r.lastFrame())).toContain('Removed 3 images and 1 container this run made.');
  });
  it('says while the contenders are measured again, then prints what that found', async () => {
    // Every recorded candidate has finished; the race then measures its winner rule's contenders.
    const before = events.findIndex((e) => e.event.type === 'race-end');
    let view = viewAfter(before);
    expect(liveIds(view)).toEqual([]);
    view = raceReducer(view, { type: 'startup-recheck', ids: ['slim', 'multistage-venv'] }, 0);
    const tree = () => (
      <>
        <PrintedLines printed={view.printed} width={100} />
        <RaceStep view={view} now={() => 0} settings={{ concurrency: 2, keep: false }} confirmQuit={false} />
      </>
    );
    const r = render(tree());
    cleanup = r.unmount;
    expect(plain(r.lastFrame())).toContain('cold start measured again, side by side: slim, multistage-venv');
    const figures = [
      { id: 'slim' as const, before: 22, after: 22 },
      { id: 'multistage-venv' as const, before: 30, after: 19.6 },
    ];
    view = raceReducer(view, { type: 'startup-rechecked', figures, seconds: 3.24 }, 0);
    r.rerender(tree());
    const f = await frameWith(
      r.lastFrame,
      'cold start again (3.2 s, least CPU time): slim 22 ms, multistage-venv 30 ms → 20 ms',
    );
    expect(f).not.toContain('measured again, side by side');
  });
});
