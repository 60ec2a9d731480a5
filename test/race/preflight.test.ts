import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { preflightError, preflightImages, rolesInUse } from '../../src/race/preflight.js';
import { replan } from '../../src/session/plan.js';
import type { RoundsRequest } from '../../src/session/race-rounds.js';
import { createSession } from '../../src/session/session.js';
import type { SessionEvent } from '../../src/session/types.js';
import { parseImageFlag, planCandidates, resolveImages } from '../../src/strategies/index.js';
import type { StrategyId } from '../../src/strategies/types.js';
import { flaskProject, flaskVerdicts, inputFor } from '../strategies/projects.js';
import { MemoryEngine } from './memory-engine.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const input = inputFor(flaskProject, flaskVerdicts, { python: '3.13', images: resolveImages('3.13') });
const all = planCandidates(input);
const pick = (...ids: StrategyId[]) => all.filter((c) => ids.includes(c.id));

describe('rolesInUse', () => {
  it('the roles some candidate starts FROM; scratch and stage names are none', () => {
    expect(rolesInUse(input.options.images, pick('closure'))).toEqual(['full']);
    expect(rolesInUse(input.options.images, pick('distroless', 'multistage-venv'))).toEqual([
      'full',
      'slim',
      'distroless',
      'debian',
    ]);
  });
});

describe('preflightImages', () => {
  it('asks the engine once per image, however many candidates use it', async () => {
    const engine = new MemoryEngine({});
    await preflightImages(engine, input.options.images, pick('full', 'multistage-venv', 'closure', 'slim'));
    expect(engine.resolved.sort()).toEqual(['python:3.13-slim-trixie', 'python:3.13-trixie']);
  });

  it('one sentence per failing role, with the --image override that fixes it', async () => {
    const engine = new MemoryEngine({});
    engine.bases.set('python:3.13-trixie', { found: false, problem: 'missing', message: 'manifest unknown' });
    engine.bases.set('gcr.io/distroless/python3-debian13:nonroot', {
      found: false,
      problem: 'unreachable',
      message: 'dial tcp: lookup gcr.io: no such host',
    });
    const images = resolveImages('3.13', [
      { ...parseImageFlag('debian=mirror.local/debian:13-slim'), source: 'pyproject.toml:9' },
    ]);
    engine.bases.set('mirror.local/debian:13-slim', {
      found: false,
      problem: 'denied',
      message: 'unauthorized',
    });
    const planned = planCandidates({ ...input, options: { ...input.options, images } });
    const chosen = planned.filter((c) => ['closure', 'distroless', 'multistage-venv'].includes(c.id));
    const { problems } = await preflightImages(engine, images, chosen);
    expect(problems.map((p) => p.role)).toEqual(['full', 'distroless', 'debian']);
    const [full, distroless, debian] = problems.map((p) => p.sentence);
    expect(full).toBe(
      'the full image python:3.13-trixie does not exist at docker.io (manifest unknown): name a published tag with --image full=REF.',
    );
    expect(distroless).toContain(
      'gcr.io is unreachable from the engine (dial tcp: lookup gcr.io: no such host)',
    );
    expect(distroless).toContain('--image distroless=REF');
    expect(debian).toContain(
      'mirror.local/debian:13-slim (from pyproject.toml:9) is refused by mirror.local',
    );
    expect(debian).toContain('docker login mirror.local');
    const err = preflightError(problems);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe('3 base images cannot be used, nothing was built:');
    expect(err.details).toEqual([full, distroless, debian]);
    expect(err.hint).toContain('[tool.slim-py.images]');
  });

  it('keeps the digests it finds; an image already pinned or unchecked is left as it is', async () => {
    const engine = new MemoryEngine({});
    engine.bases.set('python:3.13-trixie', { found: 'registry', digest: DIGEST });
    engine.bases.set('python:3.13-slim-trixie', { found: 'unchecked', message: 'no /distribution' });
    const { images, problems } = await preflightImages(engine, input.options.images, pick('multistage-venv'));
    expect(problems).toEqual([]);
    expect(images.full.digest).toBe(DIGEST);
    expect(images.slim.digest).toBeUndefined();
  });
});

describe('pinned FROM lines', () => {
  it('name:tag@digest with a comment saying how to follow the tag instead', () => {
    const images = { ...input.options.images, full: { ...input.options.images.full, digest: DIGEST } };
    const c = planCandidates({ ...input, options: { ...input.options, images } }).find(
      (x) => x.id === 'closure',
    )!;
    expect(c.dockerfile).toContain(`FROM python:3.13-trixie@${DIGEST} AS build-env`);
    expect(c.dockerfile).toContain(
      '# python:3.13-trixie pinned to the digest it had when slim-py raced it; drop "@sha256:abababababab…" to follow the tag.',
    );
    expect(c.bases).toEqual([`python:3.13-trixie@${DIGEST}`, 'scratch']);
  });
});

describe('the session runs the pre-flight before the first build', () => {
  const root = mkdtempSync(join(tmpdir(), 'slim-py-preflight-'));
  writeFileSync(join(root, 'app.py'), '');
  const plan = replan({
    project: { ...flaskProject, root, python: { ...flaskProject.python, version: '3.13' } },
    verdicts: flaskVerdicts,
    notes: [],
    index: { url: 'https://pypi.org/simple/', source: 'default', passToBuilds: false },
    target: { python: '3.13', arch: 'x86_64', archFrom: 'host' },
    options: input.options,
    prefer: { value: 'balanced', source: 'default' },
  });
  const candidates = plan.candidates.filter((c) => c.id === 'closure' || c.id === 'slim');
  const request = {
    dir: root,
    images: [],
    offline: true,
    race: { concurrency: 2, keep: false, noCache: true, timeoutSeconds: 30 },
  };
  /** A session on the memory engine whose rounds only record what they were given. */
  function sessionOn(engine: MemoryEngine) {
    const given: RoundsRequest[] = [];
    const session = createSession(request, {
      engine: async () => engine,
      async *rounds(req) {
        given.push(req);
        yield { type: 'race-end', results: [], cancelled: false };
      },
    });
    return { session, given };
  }

  it('a missing base stops the race before anything is built', async () => {
    const engine = new MemoryEngine({});
    engine.bases.set('python:3.13-slim-trixie', {
      found: false,
      problem: 'missing',
      message: 'manifest unknown',
    });
    const { session, given } = sessionOn(engine);
    const events: SessionEvent[] = [];
    let error: unknown;
    try {
      for await (const e of session.race({ plan, candidates, signal: new AbortController().signal }))
        events.push(e);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).details).toEqual([
      'the slim image python:3.13-slim-trixie does not exist at docker.io (manifest unknown): name a published tag with --image slim=REF.',
    ]);
    expect(events).toEqual([]);
    expect(given).toEqual([]);
    expect(engine.log).toEqual([]);
  });

  it('digests found re-plan the candidates: those are raced, repaired and written', async () => {
    const engine = new MemoryEngine({});
    engine.bases.set('python:3.13-trixie', { found: 'registry', digest: DIGEST });
    const { session, given } = sessionOn(engine);
    const events: SessionEvent[] = [];
    for await (const e of session.race({ plan, candidates, signal: new AbortController().signal }))
      events.push(e);
    const raced = given[0]!.candidates;
    expect(raced.map((c) => c.id)).toEqual(candidates.map((c) => c.id));
    expect(raced.find((c) => c.id === 'closure')?.dockerfile).toContain(
      `FROM python:3.13-trixie@${DIGEST} AS build-env`,
    );
    expect(given[0]!.plan.options.images.full.digest).toBe(DIGEST);
    const end = events.at(-1) as Extract<SessionEvent, { type: 'race-end' }>;
    expect(end.candidates).toEqual(raced);
  });
});
