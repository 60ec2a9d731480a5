import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { sessionFilter } from '../../src/docker/labels.js';
import { RUN_E2E, requireEnvironment } from '../docker/helpers/e2e.js';
import { copyFixture, LOCAL_STRATEGIES, raceArgs, runCli, sessionOf } from './cli.js';
import { answersHttp, dockerBuild, removeImage } from './written-image.js';

/**
 * The layouts real projects have, each raced on the real engine: every local candidate must pass
 * (the app is where its command and imports expect it in every runtime), every candidate image
 * must answer HTTP on the port it EXPOSEs when started with its own command, and the written
 * Dockerfile must build with a plain `docker build` and answer too.
 */
const FIXTURES: { name: string; body: RegExp; strategies: string }[] = [
  { name: 'e2e-writeup', body: /^Hello World!$/, strategies: LOCAL_STRATEGIES },
  // The others lean (CI time): a runtime with a shell and one without (closure: FROM scratch).
  { name: 'e2e-srcpkg', body: /^hello from an installed package$/, strategies: 'multistage-venv,closure' },
  { name: 'e2e-django', body: /^hello from Django$/, strategies: 'multistage-venv,closure' },
  { name: 'e2e-fastapi', body: /^\{"hello":"fastapi"\}$/, strategies: 'multistage-venv,closure' },
  { name: 'e2e-uv-workspace', body: /^&lt;shop-core&gt;$/, strategies: 'multistage-venv,closure' },
  {
    name: 'e2e-locked',
    body: /^every package at its locked version$/,
    strategies: 'multistage-wheels,closure',
  },
];

interface RaceJson {
  winner: string | null;
  candidates: { id: string; passed: boolean; sizeBytes: number; image: string; error: string | null }[];
}

describe.runIf(RUN_E2E)('app layouts raced on the real engine', () => {
  beforeAll(requireEnvironment);
  const engine = new DockerodeEngine();

  for (const { name, body, strategies } of FIXTURES) {
    it(`${name}: every candidate passes and answers HTTP; the written Dockerfile builds and answers`, {
      timeout: 2_400_000,
    }, async () => {
      const dir = copyFixture(name);
      // The local index holds cp311 wheels (markupsafe, pydantic-core): 3.11's stand-ins.
      const run = await runCli(
        raceArgs(dir, { strategies, json: true, write: true, keep: true, python: '3.11' }),
      );
      const session = sessionOf(run.stderr);
      try {
        expect(run.code, run.stderr).toBe(0);
        const json = JSON.parse(run.stdout) as RaceJson;
        const board = json.candidates.map(
          (c) => `${c.id}=${(c.sizeBytes / 1e6).toFixed(1)}MB${c.passed ? '' : ` (FAIL: ${c.error})`}`,
        );
        process.stderr.write(`\n[${name}] winner ${json.winner}: ${board.join(' ')}\n`);
        expect(json.candidates.filter((c) => !c.passed).map((c) => `${c.id}: ${c.error}`)).toEqual([]);
        for (const c of json.candidates) {
          const answer = await answersHttp(c.image);
          expect(answer.status, `${c.id}: ${answer.log}`).toBe(200);
          expect(answer.body.trim(), c.id).toMatch(body);
        }
        const written = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
        expect(written).toContain('Written by slim-py');
        const tag = `slim-py-e2e/${name}:written`;
        await dockerBuild(dir, tag);
        try {
          const answer = await answersHttp(tag);
          process.stderr.write(
            `[${name}] written Dockerfile: HTTP ${answer.status} on port ${answer.port}\n`,
          );
          expect(answer.status).toBe(200);
          expect(answer.body.trim()).toMatch(body);
        } finally {
          await removeImage(tag);
        }
      } finally {
        // --keep kept them for the HTTP checks; this session's only.
        await engine.removeByLabel(sessionFilter(session));
      }
    });
  }
});
