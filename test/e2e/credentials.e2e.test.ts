import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupSession } from '../../src/docker/cleanup.js';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { SESSION_LABEL } from '../../src/docker/labels.js';
import { IMAGES, RUN_E2E, requireEnvironment } from '../docker/helpers/e2e.js';
import { type AuthIndex, startAuthIndex } from './auth-index.js';
import { type CliRun, copyFixture, raceArgs, runCli } from './cli.js';

/**
 * Issue 10: a password in an index URL is never printed or written anywhere — whichever of the
 * seven places it came from — and the builds still get it (the index refuses them otherwise).
 */
let index: AuthIndex;
const engine = new DockerodeEngine();
const sessions: string[] = [];

const images = Object.entries(IMAGES).flatMap(([role, ref]) => ['--image', `${role}=${ref}`]);

/** Every file under `dir`, read as text. */
function filesIn(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => {
      try {
        return readFileSync(path.join(dir, f), 'utf8');
      } catch {
        return '';
      }
    })
    .join('\n');
}

function expectNoPassword(what: string, text: string): void {
  // Whole and in the percent-decoded / base64 forms a careless printer might use.
  for (const form of [index.password, Buffer.from(`${index.user}:${index.password}`).toString('base64')])
    expect(text.includes(form), `${what} contains the password`).toBe(false);
}

function sessionOf(run: CliRun): string {
  const id = /session ([0-9a-f]+):/.exec(run.stderr)?.[1];
  if (!id) throw new Error(`no session id in:\n${run.stderr}`);
  sessions.push(id);
  return id;
}

/** The project (e2e-pure: flask, gunicorn) with the private index named by one source. */
function projectWith(source: string, url: string): { dir: string; args: string[]; env: NodeJS.ProcessEnv } {
  const dir = copyFixture('e2e-pure');
  const req = path.join(dir, 'requirements.txt');
  const reqs = readFileSync(req, 'utf8');
  const pep621 = (extra: string) =>
    writeFileSync(
      path.join(dir, 'pyproject.toml'),
      `[project]\nname = "pure"\nversion = "1"\ndependencies = ["flask>=3.0", "gunicorn>=22.0"]\n${extra}`,
    );
  const args: string[] = [];
  const env: NodeJS.ProcessEnv = {};
  switch (source) {
    case '--index-url':
      args.push('--index-url', url);
      break;
    case 'PIP_INDEX_URL':
      env.PIP_INDEX_URL = url;
      break;
    case 'requirements --index-url':
      writeFileSync(req, `--index-url ${url}\n${reqs}`);
      break;
    case '[tool.slim-py]':
      writeFileSync(path.join(dir, 'pyproject.toml'), `[tool.slim-py]\nindex-url = "${url}"\n`);
      break;
    case 'Pipfile [[source]]':
      writeFileSync(
        path.join(dir, 'Pipfile'),
        `[[source]]\nname = "corp"\nurl = "${url}"\nverify_ssl = false\n\n[packages]\nflask = ">=3.0"\ngunicorn = ">=22.0"\n`,
      );
      break;
    case 'Poetry source':
      writeFileSync(
        path.join(dir, 'pyproject.toml'),
        `[tool.poetry]\nname = "pure"\nversion = "1"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = ">=3.0"\ngunicorn = ">=22.0"\n\n[[tool.poetry.source]]\nname = "corp"\nurl = "${url}"\npriority = "primary"\n`,
      );
      break;
    case 'uv index':
      pep621(`\n[[tool.uv.index]]\nname = "corp"\nurl = "${url}"\ndefault = true\n`);
      break;
    default:
      throw new Error(source);
  }
  // Where the manifest names the index, it is the dependency list too (else requirements.txt wins).
  if (['Pipfile [[source]]', 'Poetry source', 'uv index'].includes(source)) rmSync(req);
  return { dir, args, env };
}

const SOURCES = [
  '--index-url',
  'PIP_INDEX_URL',
  'requirements --index-url',
  '[tool.slim-py]',
  'Pipfile [[source]]',
  'Poetry source',
  'uv index',
];

describe.runIf(RUN_E2E)('an index password is never shown or written', () => {
  beforeAll(async () => {
    await requireEnvironment();
    index = await startAuthIndex();
  });
  afterAll(async () => {
    if (!RUN_E2E) return;
    await index?.close();
    for (const s of sessions) await cleanupSession(engine, s).catch(() => undefined);
  });

  it.each(SOURCES)('from %s: plan and plan --json', { timeout: 120_000 }, async (source) => {
    const { dir, args, env } = projectWith(source, index.url);
    Object.assign(process.env, env);
    try {
      const before = index.authorized;
      const text = await runCli(['plan', dir, '--python', '3.11', ...images, ...args]);
      const json = await runCli(['plan', dir, '--json', '--python', '3.11', ...images, ...args]);
      expect(text.code, text.stderr).toBe(0);
      expect(json.code, json.stderr).toBe(0);
      for (const [what, out] of Object.entries({ text, json }))
        expectNoPassword(`${source} ${what}`, out.stdout + out.stderr);
      // The analysis itself logged in: the wheel facts came from the private index.
      expect(index.authorized).toBeGreaterThan(before);
      const plan = JSON.parse(json.stdout) as { index: { url: string } };
      expect(plan.index.url).toContain(`${index.user}:***@`);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
  });

  it('a race on BuildKit: the build logs in through a netrc secret; output, files and image history are clean', {
    timeout: 900_000,
  }, async () => {
    const { dir } = projectWith('--index-url', index.url);
    const before = index.authorized;
    const run = await runCli(
      raceArgs(dir, {
        strategies: 'slim,multistage-venv',
        json: true,
        write: true,
        keep: true,
        python: '3.11',
        indexUrl: index.url,
      }),
    );
    const session = sessionOf(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('BuildKit secret');
    const json = JSON.parse(run.stdout) as {
      candidates: { id: string; passed: boolean; credentials?: string }[];
    };
    expect(Object.fromEntries(json.candidates.map((c) => [c.id, [c.passed, c.credentials]]))).toEqual({
      slim: [true, 'secret'],
      'multistage-venv': [true, 'secret'],
    });
    // pip inside the builds authenticated (nothing else could have: the race passes no build arg).
    expect(index.authorized).toBeGreaterThan(before);
    expectNoPassword('race output', run.stdout + run.stderr);
    expectNoPassword('written files', filesIn(dir));
    const written = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(written).toContain('--mount=type=secret,id=netrc,target=/root/.netrc');
    expect(written).toContain('docker build --network host --secret id=netrc,src=$HOME/.netrc');
    const kept = await engine.docker.listImages({ filters: { label: [`${SESSION_LABEL}=${session}`] } });
    expect(kept.length).toBeGreaterThan(0);
    for (const img of kept) {
      const image = engine.docker.getImage(img.Id);
      expectNoPassword(
        `image ${img.RepoTags?.[0]}`,
        JSON.stringify([await image.inspect(), await image.history()]),
      );
    }
  });

  it('on the classic builder the password is a build arg, and the plan says what that costs', {
    timeout: 900_000,
  }, async () => {
    const { dir } = projectWith('--index-url', index.url);
    process.env.DOCKER_BUILDKIT = '0';
    try {
      const run = await runCli(
        raceArgs(dir, {
          strategies: 'multistage-venv',
          json: true,
          keep: true,
          python: '3.11',
          indexUrl: index.url,
        }),
      );
      const session = sessionOf(run);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('build arg (the classic builder has no secret mounts)');
      expectNoPassword('race output', run.stdout + run.stderr);
      // Multi-stage: the build arg stays in the builder; the shipped image's history has none of it.
      const kept = await engine.docker.listImages({ filters: { label: [`${SESSION_LABEL}=${session}`] } });
      for (const img of kept)
        expectNoPassword('final image', JSON.stringify(await engine.docker.getImage(img.Id).history()));
    } finally {
      delete process.env.DOCKER_BUILDKIT;
    }
  });
});
