import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { apiTooOld, compareVersions } from '../../src/docker/errors.js';
import { isUserError } from '../../src/errors.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

async function connectError(): Promise<unknown> {
  return new DockerodeEngine().connect().then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('engine connection errors are one sentence and what to try', () => {
  it('no socket at DOCKER_HOST', async () => {
    process.env.DOCKER_HOST = 'unix:///nonexistent/slim-py/docker.sock';
    const e = await connectError();
    expect(isUserError(e)).toBe(true);
    if (!isUserError(e)) return;
    expect(e.message).toBe('No Docker engine at unix:///nonexistent/slim-py/docker.sock.');
    expect(e.hint).toMatch(/start Docker.*DOCKER_HOST/);
  });

  it('a tcp engine that refuses', async () => {
    // A port that was just free: bind, learn it, close.
    const srv = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise((r) => srv.close(r));
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${port}`;
    const e = await connectError();
    expect(isUserError(e) && e.message).toBe(
      `No Docker engine answers at tcp://127.0.0.1:${port} (ECONNREFUSED).`,
    );
  });

  it('DOCKER_CERT_PATH without the certificates', () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:2376';
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = mkdtempSync(join(tmpdir(), 'slim-py-certs-'));
    let err: unknown;
    try {
      new DockerodeEngine();
    } catch (e) {
      err = e;
    }
    expect(isUserError(err) && err.message).toMatch(/DOCKER_CERT_PATH=.* lacks a file/);
  });

  it('a socket that is not a Docker engine answers with a clear error, not a hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slim-py-sock-'));
    const path = join(dir, 'fake.sock');
    const srv = createServer((s) => s.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')).listen(
      path,
    );
    await new Promise((r) => srv.once('listening', r));
    try {
      const e = await new DockerodeEngine(new Docker({ socketPath: path }))
        .connect()
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Error);
    } finally {
      srv.close();
    }
  });

  it('an engine API older than 1.30 is refused', () => {
    expect(apiTooOld('1.41', '20.10.24')).toBeUndefined();
    expect(apiTooOld('1.26', '17.03.0')?.message).toMatch(/API 1.26\) is too old; slim-py needs API 1.30/);
    expect(compareVersions('1.9', '1.30')).toBeLessThan(0);
  });
});
