import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuildEvent, BuilderKind } from '../../src/docker/engine.js';
import { JsonLineSplitter } from '../../src/docker/json-lines.js';
import { createBuildParser } from '../../src/docker/progress.js';

const dir = join(import.meta.dirname, '../fixtures/streams');
const raw = (name: string) => readFileSync(join(dir, `${name}.jsonl`), 'utf8');

/** Replays a recorded stream through the splitter and parser, in chunks of the given sizes. */
function replay(
  name: string,
  builder: BuilderKind,
  chunkSizes: number[] = [1 << 20],
  streamError?: Error,
  expectedSteps?: number,
) {
  const text = raw(name);
  const parser = createBuildParser(builder, expectedSteps === undefined ? {} : { expectedSteps });
  const splitter = new JsonLineSplitter();
  const events: BuildEvent[] = [];
  let pos = 0;
  for (let i = 0; pos < text.length; i++) {
    const size = chunkSizes[i % chunkSizes.length] as number;
    for (const msg of splitter.push(text.slice(pos, pos + size))) events.push(...parser.push(msg));
    pos += size;
  }
  for (const msg of splitter.flush()) events.push(...parser.push(msg));
  events.push(parser.end(streamError));
  return events;
}

const of = <T extends BuildEvent['type']>(events: BuildEvent[], type: T) =>
  events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);
const lastId = (name: string, key: 'moby' | 'classic') => {
  const ids = raw(name)
    .split('\n')
    .filter((l) => (key === 'moby' ? l.includes('moby.image.id') : l.startsWith('{"aux":{"ID"')))
    .map((l) => JSON.parse(l).aux.ID as string);
  return ids[ids.length - 1];
};

describe('build progress from recorded BuildKit streams', () => {
  it('a multi-stage build: steps per stage, pip phases, built with the image id', () => {
    const ev = replay('buildkit-ok', 'buildkit');
    expect(of(ev, 'step').map((s) => `${s.stage} ${s.n}/${s.of} ${s.instruction.split(' ')[0]}`)).toEqual([
      'stage-1 1/4 FROM',
      'builder 1/2 FROM',
      'builder 2/2 RUN',
      'stage-1 2/4 COPY',
      'stage-1 3/4 WORKDIR',
      'stage-1 4/4 COPY',
    ]);
    const phases = new Set(of(ev, 'pip').map((p) => p.phase));
    expect([...phases].sort()).toEqual(['building-wheel', 'collecting', 'downloading', 'installing']);
    expect(of(ev, 'pip')).toContainEqual({ type: 'pip', phase: 'building-wheel', detail: 'cfastsum' });
    expect(of(ev, 'pip')).toContainEqual({ type: 'pip', phase: 'collecting', detail: 'flask' });
    expect(of(ev, 'log').map((l) => l.line)).toContain('Successfully built cfastsum');
    expect(ev.at(-1)).toEqual({ type: 'built', imageId: lastId('buildkit-ok', 'moby'), builder: 'buildkit' });
  });

  it('with the expected step count, numbers steps itself and drops generated stage names', () => {
    // BuildKit names a vertex shared with another build after that build ("[stage-3 1/5]").
    const steps = of(replay('buildkit-ok', 'buildkit', undefined, undefined, 6), 'step');
    expect(steps.map((s) => `${s.stage ?? '-'} ${s.n}/${s.of}`)).toEqual([
      '- 1/6',
      'builder 2/6',
      'builder 3/6',
      '- 4/6',
      '- 5/6',
      '- 6/6',
    ]);
  });

  it('a failing RUN: failed with the executor message and pip’s error in the tail', () => {
    const ev = replay('buildkit-fail', 'buildkit');
    const end = ev.at(-1);
    expect(end?.type).toBe('failed');
    if (end?.type !== 'failed') return;
    expect(end.message).toMatch(/exit code: 1/);
    expect(end.logTail).toContain('ERROR: No matching distribution found for no-such-package-slimpy');
  });

  it('a base image pull: bytes summed over the layers, ref without digest', () => {
    const pulls = of(replay('buildkit-pull', 'buildkit'), 'pull');
    expect(pulls.length).toBeGreaterThan(0);
    const last = pulls.at(-1);
    expect(last?.ref).toBe('127.0.0.1:5000/slim-py-fixture/pull-buildkit:latest');
    expect(last?.total).toBeGreaterThan(7_000_000);
    expect(last?.current).toBe(last?.total);
  });
});

describe('build progress from recorded classic streams', () => {
  it('a multi-stage build: Step n/m, pip phases, built with the last aux id (not the builder stage’s)', () => {
    const ev = replay('classic-ok', 'classic');
    const steps = of(ev, 'step');
    expect(steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(steps.every((s) => s.of === 9)).toBe(true);
    expect(steps[1]?.instruction).toMatch(/^RUN python3 -m venv/);
    expect(of(ev, 'pip').some((p) => p.phase === 'building-wheel' && p.detail === 'cfastsum')).toBe(true);
    expect(of(ev, 'log').some((l) => l.line.startsWith(' ---> '))).toBe(false);
    expect(ev.at(-1)).toEqual({
      type: 'built',
      imageId: lastId('classic-ok', 'classic'),
      builder: 'classic',
    });
  });

  it('a failing RUN: HTTP 200, but an errorDetail line; colours stripped from the tail', () => {
    const end = replay('classic-fail', 'classic').at(-1);
    expect(end?.type).toBe('failed');
    if (end?.type !== 'failed') return;
    expect(end.message).toMatch(/returned a non-zero code: 1/);
    expect(end.logTail).toContain('ERROR: No matching distribution found for no-such-package-slimpy');
    expect(end.logTail.join('\n')).not.toMatch(/\x1b/);
  });

  it('a pull inside a build: per-layer progress summed, layers already present count zero', () => {
    const pulls = of(replay('classic-pull', 'classic'), 'pull');
    const layerTotal = Math.max(
      ...raw('classic-pull')
        .split('\n')
        .filter((l) => l.includes('"Downloading"'))
        .map((l) => JSON.parse(l).progressDetail.total as number),
    );
    expect(layerTotal).toBeGreaterThan(7_000_000);
    expect(pulls.at(-1)).toEqual({
      type: 'pull',
      ref: '127.0.0.1:5000/slim-py-fixture/pull-classic:latest',
      current: layerTotal,
      total: layerTotal,
    });
    expect(pulls.some((p) => p.current < p.total)).toBe(true);
  });
});

describe('build progress from recorded Podman streams (buildah behind the compatible API)', () => {
  it('a multi-stage build: per-stage STEP lines counted over the build, stages named by FROM … AS', () => {
    const ev = replay('podman-ok', 'classic');
    const steps = of(ev, 'step');
    // "[1/2] STEP 1/2" … "[2/2] STEP 7/7" (two LABEL steps are the race's labels).
    expect(steps.map((s) => `${s.stage ?? '-'} ${s.n}/${s.of} ${s.instruction.split(' ')[0]}`)).toEqual([
      'builder 1/2 FROM',
      'builder 2/2 RUN',
      '- 3/9 FROM',
      '- 4/9 COPY',
      '- 5/9 WORKDIR',
      '- 6/9 COPY',
      '- 7/9 CMD',
      '- 8/9 LABEL',
      '- 9/9 LABEL',
    ]);
    expect(of(ev, 'pip')).toContainEqual({ type: 'pip', phase: 'building-wheel', detail: 'cfastsum' });
    const lines = of(ev, 'log').map((l) => l.line);
    expect(lines.filter((l) => /^--> |COMMIT |^[0-9a-f]{64}$|^Successfully tagged/.test(l))).toEqual([]);
    expect(ev.at(-1)).toEqual({ type: 'built', imageId: lastId('podman-ok', 'classic'), builder: 'classic' });
  });

  it('a failing RUN: failed with buildah’s message and pip’s error in the tail', () => {
    const end = replay('podman-fail', 'classic').at(-1);
    expect(end?.type).toBe('failed');
    if (end?.type !== 'failed') return;
    expect(end.message).toMatch(/^building at STEP "RUN .*": while running runtime: exit status 1/);
    expect(end.logTail).toContain('ERROR: No matching distribution found for no-such-package-slimpy');
  });

  it('a single stage with a pull: steps without a stage, the pull as log lines (no byte counts)', () => {
    const ev = replay('podman-pull', 'classic');
    expect(of(ev, 'step').map((s) => `${s.stage ?? '-'} ${s.n}/${s.of}`)).toEqual([
      '- 1/4',
      '- 2/4',
      '- 3/4',
      '- 4/4',
    ]);
    expect(of(ev, 'log').map((l) => l.line)).toContain('Trying to pull 127.0.0.1:5000/debian:12-slim...');
    expect(of(ev, 'pull')).toEqual([]);
    expect(ev.at(-1)?.type).toBe('built');
  });
});

describe('failure without an error line', () => {
  it('a stream that stops before the image id is a failure', () => {
    const text = raw('classic-ok');
    const cut = text.slice(0, text.indexOf('Step 6/9'));
    const parser = createBuildParser('classic');
    for (const m of new JsonLineSplitter().push(cut)) parser.push(m);
    const end = parser.end();
    expect(end).toMatchObject({ type: 'failed', message: 'the build stream ended without an image id' });
  });

  it('a stream error (engine gone, aborted) is a failure with its message', () => {
    const end = replay('buildkit-ok', 'buildkit', undefined, new Error('socket hang up')).at(-1);
    // An image id had arrived, but the stream broke: not trusted.
    expect(end).toMatchObject({ type: 'failed', message: 'socket hang up' });
  });

  it('keeps only the last 50 lines', () => {
    const parser = createBuildParser('classic');
    for (let i = 0; i < 120; i++) parser.push({ stream: `line ${i}\n` });
    const end = parser.end();
    expect(end.type === 'failed' && end.logTail.length).toBe(50);
    expect(end.type === 'failed' && end.logTail.at(-2)).toBe('line 119');
  });
});

describe('chunking does not matter', () => {
  it.each([
    ['buildkit-ok', 'buildkit'],
    ['classic-ok', 'classic'],
    ['classic-pull', 'classic'],
    ['buildkit-fail', 'buildkit'],
  ] as const)('%s gives the same events for any chunk sizes', (name, builder) => {
    const whole = replay(name, builder);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        expect(replay(name, builder, sizes)).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });
});
