import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/session/index.js';
import type { RaceEndEvent, SessionEvent, SessionRequest } from '../../src/session/types.js';
import { syntheticElf } from '../image/helpers/synthetic-elf.js';
import { tempProject } from '../project/temp-project.js';
import { MemoryEngine, missingLibpq, type Scripted } from '../race/memory-engine.js';

// What pip printed when pqversion's C extension could not find libpq's headers (a real build).
const GCC_LOG = [
  '  pqversion.c:2:10: fatal error: libpq-fe.h: No such file or directory',
  '  compilation terminated.',
  "  error: command '/usr/bin/gcc' failed with exit code 1",
];
const PIP_FAILED =
  'executor failed running [/bin/sh -c /opt/venv/bin/python -m pip install -r requirements.txt]: exit code: 1';
const missingHeader = { ms: 5, fail: PIP_FAILED, logTail: GCC_LOG };
const withLibpq = [...missingLibpq, { name: 'usr/lib/libpq.so.5', content: syntheticElf({ needed: [] }) }];

/** The pqversion project: builds need libpq-dev, the runtime libpq5; the engine behaves so. */
const pqversion: Scripted = (dockerfile) =>
  !dockerfile.includes('libpq-dev')
    ? missingHeader
    : !dockerfile.includes('libpq5')
      ? { ms: 5, files: missingLibpq }
      : { ms: 5, files: withLibpq };

async function raced(scripts: Record<string, Scripted>) {
  const dir = await tempProject({ 'requirements.txt': 'pqversion==0.1.0\n', 'app.py': '' });
  const request: SessionRequest = {
    dir,
    python: '3.11',
    images: [],
    offline: true,
    strategies: Object.keys(scripts),
    race: { concurrency: 2, keep: false, noCache: true, timeoutSeconds: 60 },
  };
  const engine = new MemoryEngine(scripts);
  const session = createSession(request, { engine: async () => engine });
  await session.connect();
  const plan = await session.plan();
  const { candidates } = session.select(plan);
  const events: SessionEvent[] = [];
  for await (const e of session.race({ plan, candidates, signal: new AbortController().signal }))
    events.push(e);
  const end = events.at(-1) as RaceEndEvent;
  const builds = (id: string) => engine.dockerfiles.filter((d) => d.id === id).map((d) => d.dockerfile);
  return { session, plan, events, end, engine, builds };
}

const repairsOf = (events: SessionEvent[]) =>
  events.filter((e): e is Extract<SessionEvent, { type: 'repair' }> => e.type === 'repair');

describe('the race with repairs (in-memory engine, real strategies)', () => {
  it('a missing header, then a missing library: raced until it passes, and the outcome holds the last Dockerfile', async () => {
    const { session, plan, events, end, builds } = await raced({
      'multistage-venv': pqversion,
      slim: { ms: 5, fail: 'exit code: 1', logTail: ['E: network down'] },
    });
    const repairs = repairsOf(events);
    expect(repairs.map((e) => [e.id, e.repair.kind, e.repair.apt])).toEqual([
      ['multistage-venv', 'build', ['libpq-dev']],
      ['multistage-venv', 'runtime', ['libpq5']],
    ]);
    // The engine got each re-rendered Dockerfile; a failure that names nothing known races once.
    const venv = builds('multistage-venv');
    expect(venv).toHaveLength(3);
    expect(venv[0]).toBe(plan.candidates.find((c) => c.id === 'multistage-venv')!.dockerfile);
    expect(venv[1]).toContain('libpq-dev');
    expect(venv[1]).not.toContain('libpq5');
    expect(builds('slim')).toHaveLength(1);

    expect(events.filter((e) => e.type === 'race-start')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'race-end')).toHaveLength(1);
    const result = end.results.find((r) => r.id === 'multistage-venv')!;
    expect(result.error).toBeUndefined();
    expect(result.repairedWith).toEqual(['builder: libpq-dev', 'runtime: libpq5']);
    expect(end.results.find((r) => r.id === 'slim')).toMatchObject({ failedAt: 'build' });
    const final = end.candidates.find((c) => c.id === 'multistage-venv')!;
    expect(final.dockerfile).toBe(venv[2]);
    expect(end.board.winner).toBe('multistage-venv');

    // What is written and reported is the Dockerfile that passed, not the one first planned.
    const out = join(plan.project.root, 'out', 'Dockerfile');
    const session2 = createSession({ ...session.request, out }, {});
    await session2.write({ plan, id: 'multistage-venv', race: end });
    const written = await readFile(out, 'utf8');
    const report = JSON.parse(await readFile(join(plan.project.root, 'out', 'slim-py-report.json'), 'utf8'));
    const reported = report.candidates.find((c: { id: string }) => c.id === 'multistage-venv').dockerfile;
    expect(reported).toBe(final.dockerfile);
    expect(written.endsWith(final.dockerfile)).toBe(true);
  });

  it('a repair that changes nothing is not raced again', async () => {
    // The header stays missing whatever the builder installs: one repair, then the loop stops.
    const { events, end, builds } = await raced({ 'multistage-venv': missingHeader });
    expect(repairsOf(events)).toHaveLength(1);
    expect(builds('multistage-venv')).toHaveLength(2);
    expect(end.results[0]).toMatchObject({ failedAt: 'build', repairedWith: ['builder: libpq-dev'] });
    expect(end.candidates[0]!.dockerfile).toContain('libpq-dev');
  });

  it('a shared builder stage that failed once: both candidates get the repair', async () => {
    // BuildKit prints the compiler's output to one of the two candidates sharing the stage.
    const { events, end } = await raced({
      'multistage-venv': pqversion,
      'multistage-wheels': (df) =>
        df.includes('libpq-dev')
          ? { ms: 5 }
          : { ms: 5, fail: PIP_FAILED, logTail: ['#12 ERROR: exit code: 1'] },
    });
    const repaired = repairsOf(events)
      .filter((e) => e.repair.kind === 'build')
      .map((e) => e.id);
    expect(repaired.sort()).toEqual(['multistage-venv', 'multistage-wheels']);
    expect(end.results.map((r) => [r.id, r.error])).toEqual([
      ['multistage-venv', undefined],
      ['multistage-wheels', undefined],
    ]);
  });
});
