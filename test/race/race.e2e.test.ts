import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { newSessionId, sessionFilter } from '../../src/docker/labels.js';
import { race } from '../../src/race/run-race.js';
import type { RaceEvent, Result } from '../../src/race/types.js';
import type { Candidate, StrategyId } from '../../src/strategies/types.js';
import { IMAGES, INDEX_URL, RUN_E2E, requireEnvironment } from '../docker/helpers/e2e.js';

const engine = new DockerodeEngine();
let dir = '';

const VENV = (pkgs: string) => `ARG PIP_INDEX_URL
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir ${pkgs}`;
const BUILDER = `FROM ${IMAGES.full} AS builder\n${VENV('flask cfastsum')}\n`;
const APP = 'WORKDIR /app\nCOPY app.py .\n';
/** Distroless runs Debian 13's python3.13: its venv is made by that interpreter, in Debian 13. */
const DEBIAN_BUILDER = `FROM ${IMAGES.debian} AS debian-builder
ARG PIP_INDEX_URL
RUN apt-get update && apt-get install -y --no-install-recommends python3-venv && rm -rf /var/lib/apt/lists/* \\
 && /usr/bin/python3.13 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir puregreet
`;

function cand(id: StrategyId, dockerfile: string, python = '/opt/venv/bin/python'): Candidate {
  return {
    id,
    title: id,
    dockerfile,
    python,
    workdir: '/app',
    bases: [],
    applicable: true,
  } as unknown as Candidate;
}

const candidates = () => [
  cand('full', `FROM ${IMAGES.full}\n${VENV('flask cfastsum')}\n${APP}`),
  cand('multistage-venv', `${BUILDER}FROM ${IMAGES.slim}\nCOPY --from=builder /opt/venv /opt/venv\n${APP}`),
  // Deliberately broken: compiled against libpq in the builder, copied where libpq5 is absent.
  cand(
    'multistage-wheels',
    `FROM ${IMAGES.full} AS builder\n${VENV('pqversion')}\nFROM ${IMAGES.slim}\nCOPY --from=builder /opt/venv /opt/venv\n${APP}`,
  ),
  // Shares the builder of multistage-venv byte for byte (and the rest: it waits, then hits the cache).
  cand('multistage-user', `${BUILDER}FROM ${IMAGES.slim}\nCOPY --from=builder /opt/venv /opt/venv\n${APP}`),
  cand(
    'distroless',
    `${DEBIAN_BUILDER}FROM ${IMAGES.distroless}\nCOPY --from=debian-builder /opt/venv /opt/venv\n${APP}`,
  ),
  // Cannot build: an sdist with a C extension and no compiler.
  cand('slim', `FROM ${IMAGES.slim}\n${VENV('cfastsum')}\n${APP}`),
];

async function run(
  session: string,
  list: Candidate[],
  signal?: AbortSignal,
  onEvent?: (e: RaceEvent) => void,
) {
  const events: RaceEvent[] = [];
  for await (const e of race(list, engine, {
    sessionId: session,
    contextDir: dir,
    concurrency: 2,
    network: 'host',
    buildArgs: { PIP_INDEX_URL: INDEX_URL },
    appModules: ['app'],
    entry: ['/opt/venv/bin/python', 'app.py'],
    ...(signal ? { signal } : {}),
  })) {
    events.push(e);
    onEvent?.(e);
  }
  return events;
}

describe.runIf(RUN_E2E)('race on a real engine', () => {
  beforeAll(async () => {
    await requireEnvironment();
    dir = mkdtempSync(join(tmpdir(), 'slim-py-race-e2e-'));
    // distroless's venv (Python 3.13) has neither: the local index has no cp313 flask wheels.
    writeFileSync(
      join(dir, 'app.py'),
      'try:\n    import flask, cfastsum\nexcept ImportError:\n    import puregreet\nprint("ready")\n',
    );
  });

  it('builds, measures, audits and smoke-tests six candidates; cleans up after', {
    timeout: 600_000,
  }, async () => {
    const session = `e2e${newSessionId()}`;
    const t0 = Date.now();
    const events = await run(session, candidates());
    const seconds = (Date.now() - t0) / 1000;
    const end = events.at(-1);
    expect(end?.type).toBe('race-end');
    if (end?.type !== 'race-end') return;
    const r = Object.fromEntries(end.results.map((x) => [x.id, x])) as Record<StrategyId, Result>;
    console.table(
      end.results.map((x) => ({
        id: x.id,
        MB: +(x.sizeBytes / 1e6).toFixed(1),
        gzMB: +(x.compressedBytes / 1e6).toFixed(1),
        layers: x.layerCount,
        s: x.buildSeconds,
        shell: x.hasShell,
        after: Object.entries(x.stageSeconds)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
        error: x.error?.slice(0, 80),
      })),
    );
    console.log(`race wall time ${seconds.toFixed(1)} s`);

    expect(events[0]).toMatchObject({ type: 'race-start', engine: { builder: 'buildkit' } });
    for (const id of ['full', 'multistage-venv', 'multistage-user', 'distroless'] as const) {
      expect(r[id].error, id).toBeUndefined();
      expect(r[id].smoke.ok).toBe(true);
      expect(r[id].compressedBytes).toBeGreaterThan(0);
      expect(r[id].compressedBytes).toBeLessThan(r[id].sizeBytes);
    }
    expect(r['multistage-venv'].sizeBytes).toBeLessThan(r.full.sizeBytes);
    expect(r.distroless.hasShell).toBe(false);
    expect(r.full.hasShell).toBe(true);
    expect(r.full.layers.some((l) => l.createdBy.startsWith('RUN python3 -m venv'))).toBe(true);

    expect(r['multistage-wheels']).toMatchObject({
      failedAt: 'audit',
      missingLibraries: [{ soname: 'libpq.so.5', package: 'libpq5' }],
    });
    expect(r['multistage-wheels'].smoke.failures[0]?.error).toMatch(/libpq\.so\.5/);
    expect(r.slim.failedAt).toBe('build');
    expect(r.slim.logTail.join('\n')).toMatch(/gcc|error|failed/i);

    // multistage-user waited for multistage-venv's build (the shared builder stage).
    const at = (type: string, id: string) =>
      events.findIndex((e) => e.type === type && 'id' in e && e.id === id);
    expect(at('building', 'multistage-user')).toBeGreaterThan(at('inspecting', 'multistage-venv'));

    expect(end.removed?.images).toBe(5);
    expect(await engine.listByLabel(sessionFilter(session))).toEqual({ containers: [], images: [] });
  });

  it('cancelling mid-build stops, reports and leaves nothing behind', { timeout: 120_000 }, async () => {
    const session = `e2e${newSessionId()}`;
    const ac = new AbortController();
    const slow = (id: StrategyId) =>
      cand(id, `FROM ${IMAGES.slim}\nRUN echo ${session}-${id} && sleep 60\n`, 'python3');
    const t0 = Date.now();
    const events = await run(session, [slow('full'), slow('slim'), slow('alpine')], ac.signal, (e) => {
      if (e.type === 'progress' && e.event.type === 'log' && e.event.line.includes(session)) ac.abort();
    });
    const seconds = (Date.now() - t0) / 1000;
    console.log(`cancelled race returned after ${seconds.toFixed(1)} s`);
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'race-end', cancelled: true });
    expect(seconds).toBeLessThan(40);
    if (end?.type !== 'race-end') return;
    expect(end.results.every((x) => x.failedAt === 'cancelled')).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await engine.listByLabel(sessionFilter(session))).toEqual({ containers: [], images: [] });
  });
});
