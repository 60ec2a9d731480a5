import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { race } from '../../src/race/run-race.js';
import type { RaceEvent } from '../../src/race/types.js';
import type { Candidate, StrategyId } from '../../src/strategies/types.js';
import { MemoryEngine, missingLibpq, type Script } from './memory-engine.js';

const dir = mkdtempSync(join(tmpdir(), 'slim-py-race-'));
writeFileSync(join(dir, 'app.py'), '');
const BUILDER = 'FROM full AS builder\nRUN pip wheel x\n';

function cand(id: StrategyId, dockerfile = `FROM ${id}\n`): Candidate {
  return {
    id,
    dockerfile,
    python: 'python3',
    workdir: '/app',
    bases: [],
    applicable: true,
  } as unknown as Candidate;
}

async function collect(
  candidates: Candidate[],
  engine: MemoryEngine,
  extra: Partial<Parameters<typeof race>[2]> = {},
) {
  const events: RaceEvent[] = [];
  for await (const e of race(candidates, engine, {
    sessionId: 's1',
    contextDir: dir,
    concurrency: 2,
    ...extra,
  })) {
    events.push(e);
  }
  return events;
}
const end = (events: RaceEvent[]) => events.at(-1) as Extract<RaceEvent, { type: 'race-end' }>;

describe('race', () => {
  it('runs every candidate with bounded concurrency; failures stay with their candidate', async () => {
    const scripts: Record<string, Script> = {
      full: { ms: 40 },
      slim: { ms: 20, fail: 'exit code: 1' },
      alpine: { ms: 30, smoke: { ok: false, failures: [{ module: 'numpy', error: 'ImportError: x' }] } },
      'multistage-venv': { ms: 30, files: missingLibpq },
      distroless: { ms: 10 },
    };
    const engine = new MemoryEngine(scripts);
    const ids = Object.keys(scripts) as StrategyId[];
    const events = await collect(
      ids.map((id) => cand(id)),
      engine,
    );

    expect(engine.maxActive).toBe(2);
    expect(events[0]).toEqual({
      type: 'race-start',
      engine: { builder: 'buildkit', host: 'memory://', kind: 'docker', serverVersion: '0' },
      candidates: ids,
    });
    const r = Object.fromEntries(end(events).results.map((x) => [x.id, x]));
    expect(r.full).toMatchObject({
      sizeBytes: 1000,
      compressedBytes: 400,
      hasShell: true,
      smoke: { ok: true },
    });
    expect(r.full?.error).toBeUndefined();
    expect(r.slim).toMatchObject({ failedAt: 'build', error: 'exit code: 1', logTail: ['boom'] });
    expect(r.alpine).toMatchObject({ failedAt: 'smoke', error: 'numpy fails: ImportError: x' });
    expect(r['multistage-venv']).toMatchObject({
      failedAt: 'audit',
      missingLibraries: [{ soname: 'libpq.so.5', package: 'libpq5' }],
    });
    expect(r.distroless?.error).toBeUndefined();
    // Every candidate ends with exactly one terminal event, and the phases come in order.
    for (const id of ids) {
      const mine = events.filter((e) => 'id' in e && e.id === id).map((e) => e.type);
      expect(mine.filter((t) => t === 'done' || t === 'failed')).toHaveLength(1);
      expect(mine[0]).toBe('queued');
    }
    expect(
      events.filter((e) => 'id' in e && e.id === 'full' && e.type !== 'progress').map((e) => e.type),
    ).toEqual(['queued', 'building', 'inspecting', 'audit', 'smoke', 'done']);
    // Cleanup removed what was built.
    expect(end(events).removed).toEqual({ containers: 0, images: 3 + 1 });
    expect(engine.images.size).toBe(0);
  });

  it('builds on network host when the engine has no bridge network, unless told otherwise', async () => {
    const start = async (engine: MemoryEngine, network?: string) =>
      (await collect([cand('full')], engine, network ? { network } : {}))[0];
    const noBridge = new MemoryEngine({}, false);
    expect(await start(noBridge)).toMatchObject({ engine: { network: 'host' } });
    expect(noBridge.buildNetworks).toEqual(['host']);
    expect(await start(new MemoryEngine({}, false), 'custom')).toMatchObject({
      engine: { network: 'custom' },
    });
    expect(await start(new MemoryEngine({}, true))).toEqual(
      expect.not.objectContaining({ engine: expect.objectContaining({ network: expect.anything() }) }),
    );
  });

  it('followers of a shared builder start after their leader’s build', async () => {
    const engine = new MemoryEngine({
      'multistage-venv': { ms: 60 },
      distroless: { ms: 10 },
      full: { ms: 10 },
    });
    await collect(
      [
        cand('multistage-venv', `${BUILDER}FROM slim\n`),
        cand('distroless', `${BUILDER}FROM distroless\n`),
        cand('full', 'FROM full\n'),
      ],
      engine,
    );
    // full takes the free slot while distroless waits for multistage-venv's build.
    expect(engine.log).toEqual([
      'start multistage-venv',
      'start full',
      'end full',
      'end multistage-venv',
      'start distroless',
      'end distroless',
    ]);
  });

  it('throttles progress per candidate', async () => {
    const engine = new MemoryEngine({ full: { ms: 600 } });
    const events = await collect([cand('full')], engine, { throttleMs: 100 });
    const logs = events.filter((e) => e.type === 'progress' && e.event.type === 'log');
    // ~120 log lines over ~0.6-0.8 s → a handful of events.
    expect(logs.length).toBeGreaterThan(3);
    expect(logs.length).toBeLessThan(12);
  });

  it('a per-candidate timeout fails that candidate only', async () => {
    const engine = new MemoryEngine({ full: { ms: 2000 }, slim: { ms: 10 } });
    const events = await collect([cand('full'), cand('slim')], engine, { timeoutMs: 100 });
    const r = Object.fromEntries(end(events).results.map((x) => [x.id, x]));
    expect(r.full).toMatchObject({ failedAt: 'timeout', error: 'timed out after 0 s' });
    expect(r.slim?.error).toBeUndefined();
  });

  it('abort stops builds, marks the rest cancelled and still cleans up', async () => {
    const engine = new MemoryEngine({
      full: { ms: 3000 },
      slim: { ms: 10 },
      alpine: { ms: 3000 },
      distroless: { ms: 3000 },
    });
    const ac = new AbortController();
    const events: RaceEvent[] = [];
    const t0 = Date.now();
    for await (const e of race([cand('slim'), cand('full'), cand('alpine'), cand('distroless')], engine, {
      sessionId: 's1',
      contextDir: dir,
      concurrency: 2,
      signal: ac.signal,
    })) {
      events.push(e);
      if (e.type === 'done' && e.id === 'slim') ac.abort();
    }
    expect(Date.now() - t0).toBeLessThan(2500);
    const last = end(events);
    expect(last.cancelled).toBe(true);
    const r = Object.fromEntries(last.results.map((x) => [x.id, x]));
    expect(r.slim?.error).toBeUndefined();
    expect(r.full?.failedAt).toBe('cancelled');
    expect(r.distroless).toMatchObject({ failedAt: 'cancelled', error: 'cancelled before it started' });
    expect(engine.images.size).toBe(0);
  });

  it('a consumer that stops early still triggers cleanup', async () => {
    const engine = new MemoryEngine({ slim: { ms: 10 }, full: { ms: 2000 } });
    for await (const e of race([cand('slim'), cand('full')], engine, {
      sessionId: 's1',
      contextDir: dir,
      concurrency: 2,
    })) {
      if (e.type === 'done') break;
    }
    expect(engine.removed).toContain('slim-py/slim:s1');
    expect(engine.images.size).toBe(0);
  });
});
