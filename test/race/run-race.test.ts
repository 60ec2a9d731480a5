import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskMeasureCache } from '../../src/race/measure-cache.js';
import { race } from '../../src/race/run-race.js';
import { runsPerTurn } from '../../src/race/startup-recheck.js';
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
    ).toEqual(['queued', 'building', 'inspecting', 'smoke', 'audit', 'startup', 'done']);
    // The cold start is measured by default, in a run of its own.
    expect(r.full).toMatchObject({ importMs: 40, importWallMs: 42 });
    expect(r.slim?.importMs).toBeUndefined();
    // Cleanup removed what was built.
    expect(end(events).removed).toEqual({ containers: 0, images: 3 + 1 });
    expect(engine.images.size).toBe(0);
  });

  it("bytecode 'imports': the recorded modules go into a second build, whose image is smoked and measured", async () => {
    const usage = {
      python: '/usr/bin/python3.11',
      modules: ['app', 'json'],
      files: [
        ['/usr/bin/python3.11', 300, 'interpreter'],
        ['/app/app.py', 20, 'module'],
      ] as [string, number, string][],
    };
    const engine = new MemoryEngine({ closure: { ms: 5, usage }, full: { ms: 5, usage } });
    const seen: string[][] = [];
    const events = await collect([cand('closure'), cand('full')], engine, {
      concurrency: 1,
      withImports: (c, modules) => {
        seen.push(modules);
        // full ignores the bytecode policy: the same text comes back, no second build.
        return c.id === 'full' ? c : { ...c, dockerfile: `${c.dockerfile}RUN ["py", "-c", "py_compile"]\n` };
      },
    });
    expect(seen).toEqual([
      ['app', 'json'],
      ['app', 'json'],
    ]);
    expect(engine.dockerfiles.map((d) => d.dockerfile)).toEqual([
      'FROM closure\n',
      'FROM closure\nRUN ["py", "-c", "py_compile"]\n',
      'FROM full\n',
    ]);
    const r = Object.fromEntries(end(events).results.map((x) => [x.id, x]));
    expect(r.closure).toMatchObject({
      dockerfile: 'FROM closure\nRUN ["py", "-c", "py_compile"]\n',
      bytecode: { modules: 2, bytes: 500 },
      sizeBytes: 1500,
      used: { usedBytes: 320 },
    });
    expect(r.full?.dockerfile).toBeUndefined();
    const phases = events.filter((e) => 'id' in e && e.id === 'closure' && e.type !== 'progress');
    expect(phases.map((e) => e.type)).toEqual([
      'queued',
      'building',
      'inspecting',
      'smoke',
      'bytecode',
      'audit',
      'smoke',
      'startup',
      'done',
    ]);
  });

  it('a warm re-run remembers what the image imported: one smoke test, not two', async () => {
    const usage = {
      python: '/p',
      modules: ['app'],
      files: [['/p', 300, 'interpreter']] as [string, number, string][],
    };
    const engine = new MemoryEngine({ closure: { ms: 5, usage } });
    const cache = diskMeasureCache(mkdtempSync(join(tmpdir(), 'slim-py-cache-')), 'memory');
    const withImports = (c: Candidate) => ({ ...c, dockerfile: `${c.dockerfile}RUN ["py_compile"]\n` });
    const smokes = () => engine.log.filter((l) => l.startsWith('run ')).length;
    await collect([cand('closure')], engine, { cache, withImports, importRuns: 0 });
    expect(smokes()).toBe(2);
    const events = await collect([cand('closure')], engine, { cache, withImports, importRuns: 0 });
    expect(smokes()).toBe(3);
    expect(end(events).results[0]).toMatchObject({ smoke: { ok: true }, bytecode: { modules: 1 } });
  });

  it('compressed sizes run in the background, one at a time, while the next candidate builds', async () => {
    const engine = new MemoryEngine({ full: { ms: 5 }, slim: { ms: 5 }, distroless: { ms: 60 } });
    engine.compressMs = 40;
    const events = await collect([cand('full'), cand('slim'), cand('distroless')], engine, {
      concurrency: 1,
      importRuns: 0,
    });
    expect(engine.maxCompressing).toBe(1);
    // With one worker, distroless started building before full's compressed size was known.
    expect(engine.log.indexOf('start distroless')).toBeLessThan(engine.log.lastIndexOf('compress'));
    const done = events.filter((e) => e.type === 'done');
    expect(done.map((e) => e.result.compressedBytes)).toEqual([400, 400, 400]);
    expect(end(events).results.every((r) => r.importMs === undefined)).toBe(true);
  });

  it('measures the contenders again at the end, in turn, after every gzip; each keeps its least CPU time', async () => {
    // closure's first timing fell on a burst of load (30 ms); its reruns find 20, then 25.
    const engine = new MemoryEngine({
      closure: { ms: 5, importMs: [32, 22, 27] },
      slim: { ms: 5, importMs: [24, 26] },
      full: { ms: 5, importMs: 50 },
    });
    engine.compressMs = 20;
    const asked: string[][] = [];
    const events = await collect([cand('closure'), cand('slim'), cand('full')], engine, {
      contenders: (timed) => {
        asked.push(timed.map((r) => r.id).sort());
        return ['slim', 'closure'];
      },
    });
    expect(asked).toEqual([['closure', 'full', 'slim']]);
    const r = Object.fromEntries(end(events).results.map((x) => [x.id, x]));
    expect(r.closure?.importMs).toBe(20);
    expect(r.slim?.importMs).toBe(22);
    expect(r.full?.importMs).toBe(48);
    expect(r.closure?.stageSeconds.recheck).toBeGreaterThanOrEqual(0);
    const recheck = events.findIndex((e) => e.type === 'startup-recheck');
    expect(events[recheck]).toEqual({ type: 'startup-recheck', ids: ['slim', 'closure'] });
    expect(events.find((e) => e.type === 'startup-rechecked')).toMatchObject({
      figures: [
        { id: 'slim', before: 22, after: 22 },
        { id: 'closure', before: 30, after: 20 },
      ],
    });
    // After every candidate's result (so after every compressed size), before the end.
    expect(events.map((e) => e.type).lastIndexOf('done')).toBeLessThan(recheck);
    const runs = engine.log.filter((l) => l.startsWith('run '));
    expect(runs.slice(-6)).toEqual(
      Array.from({ length: 3 }, () => ['run slim-py/slim:s1', 'run slim-py/closure:s1']).flat(),
    );
    expect(engine.log.lastIndexOf('compress')).toBeLessThan(engine.log.length - 6);
  });

  it('measures nothing again when the rule has fewer than two contenders', async () => {
    const engine = new MemoryEngine({ closure: { ms: 5 }, slim: { ms: 5 } });
    const events = await collect([cand('closure'), cand('slim')], engine, { contenders: () => ['closure'] });
    expect(events.some((e) => e.type === 'startup-recheck')).toBe(false);
    expect(engine.log.filter((l) => l.startsWith('run ')).length).toBe(4);
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
    // full takes the free slot while distroless waits for multistage-venv's build. The two first
    // builds start together: which logs 'start' first depends on reading its Dockerfile, so only
    // the order that the schedule decides is checked.
    const at = (line: string) => engine.log.indexOf(line);
    expect(at('start multistage-venv')).toBeGreaterThanOrEqual(0);
    expect(at('end full')).toBeLessThan(at('end multistage-venv'));
    expect(at('start distroless')).toBeGreaterThan(at('end multistage-venv'));
    expect(at('end distroless')).toBeGreaterThan(at('start distroless'));
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

describe('the recheck of cold starts', () => {
  it('starts fewer interpreters a turn the slower the start: about 400 ms a turn, 2 to the race’s runs', () => {
    expect(runsPerTurn(20, 5)).toBe(5);
    expect(runsPerTurn(130, 5)).toBe(3);
    expect(runsPerTurn(200, 5)).toBe(2);
    expect(runsPerTurn(1400, 5)).toBe(2);
    expect(runsPerTurn(1400, 1)).toBe(1);
  });
});
