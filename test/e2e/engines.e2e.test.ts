import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { SESSION_LABEL } from '../../src/docker/labels.js';
import {
  PODMAN_HOST,
  RUN_E2E,
  requireEngineVar,
  requireEnvironment,
  SSH_HOST,
} from '../docker/helpers/e2e.js';
import { copyFixture, raceArgs, startCli } from './cli.js';

/**
 * The pure fixture raced on the other engines the test environment starts (the local Docker
 * socket is raced in race-cli.e2e.test.ts): Podman's compatible API and the same Docker engine
 * over ssh. A baseline, a multi-stage COPY, a RUN --mount bind (BuildKit-only on Docker) and a
 * shell-less runtime: what the README's engine table claims for each engine.
 */
// closure: the shell-less runtime for the fixture's Python 3.11 (distroless carries 3.13 only).
const STRATEGIES = 'full,multistage-venv,multistage-wheels,closure';

interface RaceJson {
  engine: { kind?: string; builder: string; host: string };
  winner: string | null;
  candidates: {
    id: string;
    passed: boolean;
    sizeBytes: number;
    compressedBytes: number;
    smoke: { ok: boolean };
    missingLibraries: unknown[];
    error: string | null;
  }[];
}

async function raceOn(host: string) {
  const dir = copyFixture('e2e-pure');
  const started = Date.now();
  let overAt = 0;
  const { done } = startCli(
    raceArgs(dir, { strategies: STRATEGIES, json: true }),
    (text) => {
      if (!overAt && text.includes(' race over')) overAt = Date.now();
    },
    // Measured for real: no measurements remembered from an earlier run on this engine.
    { DOCKER_HOST: host, SLIM_PY_CACHE_DIR: mkdtempSync(join(tmpdir(), 'slim-py-cache-')) },
  );
  const run = await done;
  const closedAt = Date.now();
  const session = /session ([0-9a-f]+):/.exec(run.stderr)?.[1];
  process.stderr.write(
    `\n[${host}] race ${((closedAt - started) / 1000).toFixed(0)} s, exit ${((closedAt - overAt) / 1000).toFixed(1)} s after "race over"\n`,
  );
  return { run, session, exitDelayMs: closedAt - overAt };
}

/** Every candidate passed, with a compressed size; multi-stage beats full; the winner is clean. */
function expectLeaderboard(json: RaceJson, kind: string) {
  expect(json.engine.kind).toBe(kind);
  expect(json.candidates.filter((c) => !c.passed).map((c) => `${c.id}: ${c.error}`)).toEqual([]);
  expect(json.candidates.map((c) => c.id).sort()).toEqual(STRATEGIES.split(',').sort());
  for (const c of json.candidates) {
    expect(c.compressedBytes, c.id).toBeGreaterThan(0);
    expect(c.compressedBytes, c.id).toBeLessThan(c.sizeBytes);
  }
  const size = (id: string) => json.candidates.find((c) => c.id === id)?.sizeBytes ?? 0;
  expect(size('multistage-venv')).toBeLessThan(size('full'));
  const winner = json.candidates.find((c) => c.id === json.winner);
  expect(winner?.smoke.ok && winner.missingLibraries.length === 0).toBe(true);
}

async function labelled(docker: Docker, session: string) {
  const label = [`${SESSION_LABEL}=${session}`];
  const containers = await docker.listContainers({ all: true, filters: { label } });
  const images = await docker.listImages({ all: true, filters: { label } });
  return { containers: containers.length, images: images.length };
}

describe.runIf(RUN_E2E && PODMAN_HOST)('slim-py race on Podman', () => {
  beforeAll(async () => {
    requireEngineVar('SLIMPY_TEST_PODMAN_HOST', PODMAN_HOST);
    await requireEnvironment();
  });

  it('builds through buildah, says what differs before the race, leaves nothing labelled', {
    timeout: 1_500_000,
  }, async () => {
    const { run, session } = await raceOn(PODMAN_HOST as string);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as RaceJson;
    expectLeaderboard(json, 'podman');
    expect(json.engine.builder).toBe('classic');
    const note = run.stderr.indexOf('note: Podman ');
    expect(note).toBeGreaterThanOrEqual(0);
    expect(note).toBeLessThan(run.stderr.indexOf(' race: '));
    expect(run.stderr).toMatch(/race: 4 candidates on unix:\/\/\S+ \(podman \d+\.\d+\.\d+, classic/);
    expect(run.stderr).toMatch(/full: step \d+\/\d+ FROM /);
    const podman = new Docker({ socketPath: new URL(PODMAN_HOST as string).pathname });
    expect(await labelled(podman, session as string)).toEqual({ containers: 0, images: 0 });
  });
});

describe.runIf(RUN_E2E && SSH_HOST)('slim-py race over ssh', () => {
  beforeAll(async () => {
    requireEngineVar('SLIMPY_TEST_SSH_HOST', SSH_HOST);
    await requireEnvironment();
  });

  it('races over ssh:// with BuildKit and exits as soon as the race is over', {
    timeout: 1_500_000,
  }, async () => {
    const { run, session, exitDelayMs } = await raceOn(SSH_HOST as string);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as RaceJson;
    expectLeaderboard(json, 'docker');
    expect(json.engine).toMatchObject({ builder: 'buildkit', host: SSH_HOST });
    expect(exitDelayMs).toBeLessThan(10_000);
    // The same engine answers on the local socket.
    expect(await labelled(new Docker(), session as string)).toEqual({ containers: 0, images: 0 });
  });
});
