import { describe, expect, it } from 'vitest';
import { staleness } from './recording-check.js';
import { loadRecording, type Recording, replaySession } from './replay-session.js';

const NAMES = ['pure', 'libpq', 'failing', 'cancelled'];

describe('recorded races stand for what today renders', () => {
  it.each(NAMES)(
    '%s: every raced Dockerfile, repaired ones too, is what the strategies render now',
    (name) => {
      expect(() => loadRecording(name)).not.toThrow();
    },
  );

  const tampered = (edit: (rec: Recording) => void) => {
    const rec = structuredClone(loadRecording('libpq'));
    edit(rec);
    return staleness(rec);
  };

  it('a Dockerfile the strategies no longer write is refused, with what to do', () => {
    const why = tampered((rec) => {
      const c = rec.plan.candidates.find((c) => c.id === 'slim')!;
      c.dockerfile = c.dockerfile.replace('pip install', 'pip install --upgrade');
    });
    expect(why).toMatch(/^libpq: slim differ from what today's strategies render; re-record it/);
  });

  it("a repair's Dockerfile is checked too; a comment alone changes nothing that was built", () => {
    const repairs = (rec: Recording) =>
      rec.entries.flatMap((e) => ('event' in e && e.event.type === 'repair' ? [e.event] : []));
    expect(
      tampered((rec) => {
        const r = repairs(rec)[0]!;
        r.candidate.dockerfile = r.candidate.dockerfile.replace(/^FROM .*$/m, (l) => `${l}\nRUN true`);
      }),
    ).toMatch(/ \(repaired\)/);
    expect(
      tampered((rec) => {
        for (const c of rec.plan.candidates) c.dockerfile = `# a new comment\n${c.dockerfile}`;
      }),
    ).toBeUndefined();
  });
});

describe('a replayed session', () => {
  it('plans a group choice for real instead of handing back the recorded plan', async () => {
    const session = replaySession(loadRecording('pure'));
    const recorded = await session.plan();
    expect(recorded.project.groups).toEqual([]);
    // The real planner reads the copy: the pure fixture has no such group, and says so.
    await expect(
      session.plan(undefined, { groups: ['web'], noGroups: [], toggled: ['web'] }),
    ).rejects.toThrow('the project has no group or extra of that name');
  });
});
