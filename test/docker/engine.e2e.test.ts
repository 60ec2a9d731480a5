import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerfilePath, packContext, scanContext } from '../../src/docker/build-context.js';
import { cleanupSession } from '../../src/docker/cleanup.js';
import { countBuildkitSteps } from '../../src/docker/dockerfile-steps.js';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import type { BuildEvent } from '../../src/docker/engine.js';
import { parseImageRef } from '../../src/docker/image-ref.js';
import { candidateTag, newSessionId, sessionFilter, sessionLabels } from '../../src/docker/labels.js';
import { auditImageTar } from '../../src/image/library-audit.js';
import { parseSmokeOutput, smokeArgv } from '../../src/image/smoke.js';
import { IMAGES, INDEX_URL, RUN_E2E, requireEnvironment } from './helpers/e2e.js';

const engine = new DockerodeEngine();
const session = `e2e${newSessionId()}`;
const labels = sessionLabels(session);
let project = '';

async function build(name: string, dockerfile: string) {
  const plan = await scanContext(project);
  const events: BuildEvent[] = [];
  const t0 = Date.now();
  for await (const e of engine.build({
    context: packContext(plan, dockerfile, name),
    dockerfile: dockerfilePath(name),
    tag: candidateTag(session, name),
    labels: sessionLabels(session, name),
    buildArgs: { PIP_INDEX_URL: INDEX_URL },
    network: 'host',
    expectedSteps: countBuildkitSteps(dockerfile),
  })) {
    events.push(e);
  }
  const end = events.at(-1) as BuildEvent;
  return { events, end, tag: candidateTag(session, name), seconds: (Date.now() - t0) / 1000 };
}

const PQ_BUILDER = `FROM ${IMAGES.full} AS builder
ARG PIP_INDEX_URL
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir pqversion
`;

describe.runIf(RUN_E2E)('the dockerode engine against a real Docker engine', () => {
  beforeAll(async () => {
    await requireEnvironment();
    project = mkdtempSync(join(tmpdir(), 'slim-py-e2e-'));
    writeFileSync(join(project, 'app.py'), 'print("app")\n');
    writeFileSync(join(project, 'secret.env'), 'TOKEN=1\n');
    mkdirSync(join(project, 'data'));
    writeFileSync(join(project, 'data', 'x.csv'), 'a,b\n');
    // An allow-list .dockerignore: the generated Dockerfile must still be found.
    writeFileSync(join(project, '.dockerignore'), '*\n!app.py\n');
  });
  afterAll(async () => {
    if (RUN_E2E) await cleanupSession(engine, session).catch(() => undefined);
  });

  it('connects and says which builder and host', async () => {
    const info = await engine.connect();
    expect(info.builder).toBe('buildkit');
    expect(info.host).toMatch(/^(unix|tcp|ssh):\/\//);
    console.log(
      `engine: ${info.serverVersion} API ${info.apiVersion} at ${info.host}, builder ${info.builder}`,
    );
  });

  it('builds with BuildKit: progress events, pip phases, the image and what COPY . . brought', {
    timeout: 180_000,
  }, async () => {
    const r = await build(
      'tiny',
      `FROM ${IMAGES.slim}\nARG PIP_INDEX_URL\nRUN echo ${session} && python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir flask\nWORKDIR /app\nCOPY . .\nUSER 65532\n`,
    );
    console.log(`tiny build: ${r.seconds}s, ${r.events.length} events`);
    expect(r.end).toMatchObject({ type: 'built', builder: 'buildkit' });
    // ARG and USER make no vertex in BuildKit: FROM, RUN, WORKDIR, COPY.
    const steps = r.events.flatMap((e) =>
      e.type === 'step' ? [`${e.n}/${e.of} ${e.instruction.split(' ')[0]}`] : [],
    );
    expect(steps).toEqual(['1/4 FROM', '2/4 RUN', '3/4 WORKDIR', '4/4 COPY']);
    const phases = new Set(r.events.flatMap((e) => (e.type === 'pip' ? [e.phase] : [])));
    expect(phases.has('collecting') && phases.has('installing')).toBe(true);

    const info = await engine.inspectImage(r.tag);
    expect(info.user).toBe('65532');
    expect(info.labels['slim-py.session']).toBe(session);
    expect(
      info.layers.some(
        (l) => /^RUN echo \S+ && python3 -m venv/.test(l.createdBy) && l.sizeBytes > 1_000_000,
      ),
    ).toBe(true);
    expect(info.sizeBytes).toBeGreaterThan(info.layers.at(-1)?.sizeBytes ?? 0);

    const ls = await engine.run({
      image: r.tag,
      argv: ['/opt/venv/bin/python', '-c', 'import os, flask; print(sorted(os.listdir(".")))'],
      network: 'none',
      labels,
      timeoutMs: 30_000,
    });
    // BuildKit over the API does not apply .dockerignore: our Dockerfile folder comes along (see build-context.ts).
    expect(ls).toMatchObject({
      exitCode: 0,
      stdout: "['.slim-py-Dockerfile.tiny', 'app.py']\n",
      timedOut: false,
    });
  });

  it('falls back to the classic builder with DOCKER_BUILDKIT=0 and says so', {
    timeout: 60_000,
  }, async () => {
    process.env.DOCKER_BUILDKIT = '0';
    try {
      const classic = new DockerodeEngine();
      expect((await classic.connect()).builder).toBe('classic');
      const events: BuildEvent[] = [];
      for await (const e of classic.build({
        context: packContext(
          await scanContext(project),
          // The session id keeps the RUN out of the builder cache: a cached step prints nothing.
          `FROM ${IMAGES.slim}\nWORKDIR /app\nCOPY . .\nRUN echo classic ${session}\n`,
          'classic',
          'classic',
        ),
        dockerfile: dockerfilePath('classic'),
        tag: candidateTag(session, 'classic'),
        labels: sessionLabels(session, 'classic'),
      })) {
        events.push(e);
      }
      expect(events.at(-1)).toMatchObject({ type: 'built', builder: 'classic' });
      expect(events).toContainEqual({ type: 'log', line: `classic ${session}` });
      // The classic builder honours the uploaded .dockerignore for our Dockerfile: only the app arrives.
      const ls = await classic.run({
        image: candidateTag(session, 'classic'),
        argv: ['python3', '-c', 'import os; print(sorted(os.listdir(".")))'],
        network: 'none',
        labels,
        timeoutMs: 30_000,
      });
      expect(ls.stdout).toBe("['app.py']\n");
    } finally {
      delete process.env.DOCKER_BUILDKIT;
    }
  });

  it('reaches the engine through DOCKER_HOST=tcp://, BuildKit session included', {
    timeout: 60_000,
  }, async () => {
    // A plain TCP relay to the unix socket stands in for a remote engine.
    const relay = createServer((client) => {
      const upstream = connect('/var/run/docker.sock');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    }).listen(0, '127.0.0.1');
    await new Promise((r) => relay.once('listening', r));
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    try {
      const remote = new DockerodeEngine();
      const info = await remote.connect();
      expect(info).toMatchObject({ host: process.env.DOCKER_HOST, builder: 'buildkit' });
      let end: BuildEvent | undefined;
      for await (const e of remote.build({
        context: packContext(await scanContext(project), `FROM ${IMAGES.slim}\nRUN echo tcp\n`, 'tcp'),
        dockerfile: dockerfilePath('tcp'),
        tag: candidateTag(session, 'tcp'),
        labels: sessionLabels(session, 'tcp'),
        network: 'host',
      })) {
        end = e;
      }
      expect(end, JSON.stringify(end)).toMatchObject({ type: 'built', builder: 'buildkit' });
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
      relay.close();
    }
  });

  it('detects a failing build (HTTP 200 with an error line) and keeps the log tail', {
    timeout: 60_000,
  }, async () => {
    const r = await build('broken', `FROM ${IMAGES.slim}\nRUN echo about to fail && exit 3\n`);
    expect(r.end.type).toBe('failed');
    if (r.end.type !== 'failed') return;
    expect(r.end.message).toMatch(/exit code: 3/);
    expect(r.end.logTail).toContain('about to fail');
    await expect(engine.inspectImage(r.tag)).rejects.toThrow();
  });

  it('measures the compressed size: random bytes stay, zeros vanish', { timeout: 120_000 }, async () => {
    const base = await build('base', `FROM ${IMAGES.debian}\nRUN true\n`);
    const noisy = await build(
      'noisy',
      `FROM ${IMAGES.debian}\nRUN head -c 3000000 /dev/urandom > /r && head -c 20000000 /dev/zero > /z\n`,
    );
    expect(base.end.type).toBe('built');
    expect(noisy.end.type).toBe('built');
    let t0 = Date.now();
    const cBase = await engine.compressedSize(base.tag);
    const first = Date.now() - t0;
    t0 = Date.now();
    const cNoisy = await engine.compressedSize(noisy.tag);
    const second = Date.now() - t0;
    const size = (await engine.inspectImage(noisy.tag)).sizeBytes;
    console.log(
      `compressed: base ${cBase} (${first} ms), noisy ${cNoisy} (${second} ms, base layers cached), size ${size}`,
    );
    expect(cNoisy - cBase).toBeGreaterThan(3_000_000);
    expect(cNoisy - cBase).toBeLessThan(3_200_000);
    expect(cNoisy).toBeLessThan(size);
  });

  it('runs without a shell, without network, with a timeout', { timeout: 60_000 }, async () => {
    const distroless = await engine.run({
      image: IMAGES.distroless,
      argv: [
        '/usr/bin/python3',
        '-c',
        'import sys; print("out"); print("err", file=sys.stderr); sys.exit(4)',
      ],
      network: 'none',
      labels,
      timeoutMs: 30_000,
    });
    expect(distroless).toEqual({ exitCode: 4, stdout: 'out\n', stderr: 'err\n', timedOut: false });

    const net = await engine.run({
      image: IMAGES.slim,
      argv: ['python3', '-c', 'import socket; socket.create_connection(("127.0.0.1", 5000), 2)'],
      network: 'none',
      labels,
      timeoutMs: 30_000,
    });
    expect(net.exitCode).not.toBe(0);
    expect(net.stderr).toMatch(/Connection refused|unreachable/);

    const slow = await engine.run({
      image: IMAGES.slim,
      argv: ['sleep', '30'],
      network: 'none',
      labels,
      timeoutMs: 1000,
    });
    expect(slow.timedOut).toBe(true);

    const missing = await engine.run({
      image: IMAGES.distroless,
      argv: ['sh', '-c', 'true'],
      network: 'none',
      labels,
      timeoutMs: 10_000,
    });
    expect(missing.exitCode).toBe(127);
    expect(missing.stderr).toMatch(/executable file not found|no such file/);
  });

  it('audits runtime libraries from the exported filesystem: libpq5 present vs missing', {
    timeout: 300_000,
  }, async () => {
    const inFull = await build('pq-full', `${PQ_BUILDER}`);
    const inSlim = await build(
      'pq-slim',
      `${PQ_BUILDER}FROM ${IMAGES.slim}\nCOPY --from=builder /opt/venv /opt/venv\n`,
    );
    expect(inFull.end.type).toBe('built');
    expect(inSlim.end.type).toBe('built');

    const full = await auditImageTar(await engine.exportFiles(inFull.tag, labels));
    expect(full.missing).toEqual([]);
    expect(full.checked).toBeGreaterThan(0);
    expect(full.hasShell).toBe(true);

    const slim = await auditImageTar(await engine.exportFiles(inSlim.tag, labels));
    expect(slim.missing).toEqual([
      {
        soname: 'libpq.so.5',
        neededBy: expect.stringMatching(/^\/opt\/venv\/lib\/python3\.11\/site-packages\/pqversion.*\.so$/),
        package: 'libpq5',
      },
    ]);

    // The smoke test sees the same problem from the inside.
    const smoke = async (tag: string) => {
      const r = await engine.run({
        image: tag,
        argv: smokeArgv('/opt/venv/bin/python', { appModules: [], workdir: '/' }),
        network: 'none',
        labels,
        timeoutMs: 60_000,
      });
      return parseSmokeOutput(r.stdout, r.stderr, r.exitCode);
    };
    expect(await smoke(inFull.tag)).toMatchObject({ ok: true, failures: [] });
    const bad = await smoke(inSlim.tag);
    expect(bad.ok).toBe(false);
    expect(bad.failures[0]?.error).toMatch(/libpq\.so\.5/);

    const distroless = await auditImageTar(await engine.exportFiles(IMAGES.distroless, labels));
    expect(distroless.hasShell).toBe(false);
  });

  it('resolves base images without pulling: digest from the registry, missing and unreachable told apart', {
    timeout: 60_000,
  }, async () => {
    const ref = parseImageRef(IMAGES.debian);
    const manifest = await fetch(`http://${ref.registry}/v2/${ref.repository}/manifests/${ref.tag}`, {
      method: 'HEAD',
      headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    const digest = manifest.headers.get('docker-content-digest');
    expect(digest).toMatch(/^sha256:/);
    await expect(engine.resolveImage(IMAGES.debian)).resolves.toEqual(
      expect.objectContaining({ found: expect.stringMatching(/^(local|registry)$/), digest }),
    );
    await expect(engine.resolveImage(`${ref.registry}/${ref.repository}:no-such-tag`)).resolves.toMatchObject(
      {
        found: false,
        problem: 'missing',
      },
    );
    await expect(engine.resolveImage('127.0.0.1:1/debian:13-slim')).resolves.toMatchObject({
      found: false,
      problem: 'unreachable',
      message: expect.stringMatching(/127\.0\.0\.1:1/),
    });
  });

  it('labels everything and cleans up by label, twice without error', { timeout: 60_000 }, async () => {
    // A container left behind, as a crash would leave it.
    await engine.docker.createContainer({ Image: IMAGES.slim, Cmd: ['true'], Labels: labels });
    const before = await engine.listByLabel(sessionFilter(session));
    expect(before.containers.length).toBeGreaterThan(0);
    expect(before.images.length).toBeGreaterThan(3);
    const removed = await cleanupSession(engine, session);
    expect(removed.images.length).toBe(before.images.length);
    expect(await engine.listByLabel(sessionFilter(session))).toEqual({ containers: [], images: [] });
    await expect(cleanupSession(engine, session)).resolves.toEqual({ containers: [], images: [] });
    // The base images are untouched.
    await expect(engine.inspectImage(IMAGES.slim)).resolves.toMatchObject({ id: expect.any(String) });
  });
});
