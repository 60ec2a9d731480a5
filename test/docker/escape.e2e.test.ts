import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerfilePath, packContext, scanContext } from '../../src/docker/build-context.js';
import { cleanupSession } from '../../src/docker/cleanup.js';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import type { BuildEvent } from '../../src/docker/engine.js';
import { candidateTag, newSessionId, sessionLabels } from '../../src/docker/labels.js';
import { argLine, copyLine, execForm, fromLine, shellWord } from '../../src/strategies/render/escape.js';
import { IMAGES, RUN_E2E, requireEnvironment } from './helpers/e2e.js';

/**
 * The escaping boundary judged by the engine itself: paths and words that break shell-form COPY
 * and naive quoting, built by BuildKit and by the classic builder, arrive exactly as they are.
 */
const NAMES = [
  'a b',
  "it's",
  'q"x',
  'd$x',
  'back\\slash',
  'br[1]',
  'st*r',
  'qu?s',
  '#hash',
  'ü é',
  '--from=x',
  'end\\',
  'h <<EOF',
];

const session = `e2e${newSessionId()}`;
let project = '';

function dockerfile(): string {
  return [
    fromLine(IMAGES.debian),
    argLine('ODD', 'a$b "c" \'d\' \\ '),
    'WORKDIR /o',
    ...NAMES.map((n) => copyLine([n], `${n}/`)),
    // Shell words inside RUN, one per continuation line as wrap() writes them: each comes back whole.
    `RUN printf '%s\\n' \\\n    ${NAMES.map((n) => shellWord(n)).join(' \\\n    ')} > /words && printf '%s\\n' "$ODD" > /odd`,
    `CMD ${execForm(['find', '/o', '-type', 'f'])}`,
    '',
  ].join('\n');
}

async function buildAndList(engine: DockerodeEngine, name: string) {
  const text = dockerfile();
  const events: BuildEvent[] = [];
  for await (const e of engine.build({
    context: packContext(await scanContext(project), text, name),
    dockerfile: dockerfilePath(name),
    tag: candidateTag(session, name),
    labels: sessionLabels(session, name),
    network: 'host',
  }))
    events.push(e);
  expect(events.at(-1), JSON.stringify(events.at(-1))).toMatchObject({ type: 'built' });
  const run = (argv: string[]) =>
    engine.run({
      image: candidateTag(session, name),
      argv,
      network: 'none',
      labels: sessionLabels(session, name),
      timeoutMs: 30_000,
    });
  const files = (await run(['find', '/o', '-type', 'f'])).stdout.trim().split('\n').sort();
  const words = (await run(['cat', '/words'])).stdout.split('\n').slice(0, -1);
  const odd = (await run(['cat', '/odd'])).stdout.trim();
  return { files, words, odd };
}

describe.runIf(RUN_E2E)('escaped values through the real engine', () => {
  beforeAll(async () => {
    await requireEnvironment();
    project = mkdtempSync(join(tmpdir(), 'slim-py-escape-'));
    for (const n of NAMES) {
      mkdirSync(join(project, n));
      writeFileSync(join(project, n, 'f'), n);
    }
  });
  afterAll(async () => {
    if (!RUN_E2E) return;
    await cleanupSession(new DockerodeEngine(), session).catch(() => undefined);
    rmSync(project, { recursive: true, force: true });
  });

  const expected = {
    files: NAMES.map((n) => `/o/${n}/f`).sort(),
    words: NAMES,
    odd: 'a$b "c" \'d\' \\',
  };

  it('BuildKit', { timeout: 120_000 }, async () => {
    const engine = new DockerodeEngine();
    expect((await engine.connect()).builder).toBe('buildkit');
    expect(await buildAndList(engine, 'escape-bk')).toEqual(expected);
  });

  it('the classic builder', { timeout: 120_000 }, async () => {
    process.env.DOCKER_BUILDKIT = '0';
    try {
      const engine = new DockerodeEngine();
      expect((await engine.connect()).builder).toBe('classic');
      expect(await buildAndList(engine, 'escape-classic')).toEqual(expected);
    } finally {
      delete process.env.DOCKER_BUILDKIT;
    }
  });
});
