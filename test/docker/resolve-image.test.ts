import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { resolveImage } from '../../src/docker/resolve-image.js';

/** The engine's answers, as dockerode 5 hands them over (messages recorded from dockerd 20.10). */
function engineSaying(inspect: unknown, distribution: unknown): Docker {
  const answer = (a: unknown) => (a instanceof Error ? Promise.reject(a) : Promise.resolve(a));
  return {
    getImage: () => ({ inspect: () => answer(inspect), distribution: () => answer(distribution) }),
  } as unknown as Docker;
}
function engineError(statusCode: number, message?: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode})`), {
    statusCode,
    json: message ? { message } : null,
  });
}
const notLocal = engineError(404, 'No such image: x');
const DIGEST = `sha256:${'1'.repeat(64)}`;

describe('resolveImage', () => {
  it('an image in the engine store: its repo digest for that repository', async () => {
    const docker = engineSaying(
      { RepoDigests: [`other/x@sha256:${'2'.repeat(64)}`, `127.0.0.1:5000/python@${DIGEST}`] },
      undefined,
    );
    await expect(resolveImage(docker, '127.0.0.1:5000/python:3.13-trixie', true)).resolves.toEqual({
      found: 'local',
      digest: DIGEST,
    });
    await expect(
      resolveImage(engineSaying({ RepoDigests: [] }, undefined), 'mine:dev', true),
    ).resolves.toEqual({
      found: 'local',
    });
  });

  it('else the registry, through the engine', async () => {
    const docker = engineSaying(notLocal, { Descriptor: { digest: DIGEST } });
    await expect(resolveImage(docker, 'python:3.13-trixie', false)).resolves.toEqual({
      found: 'registry',
      digest: DIGEST,
    });
  });

  it.each([
    [404, 'manifest unknown: manifest unknown', 'missing'],
    [500, 'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'unreachable'],
    [
      500,
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
      'unreachable',
    ],
    [500, 'Get "https://gcr.io/v2/": net/http: TLS handshake timeout', 'unreachable'],
    [401, 'unauthorized: authentication required', 'denied'],
    [
      500,
      'errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n',
      'denied',
    ],
  ])('%i %j → %s', async (status, message, problem) => {
    const r = await resolveImage(engineSaying(notLocal, engineError(status, message)), 'python:3.13', false);
    expect(r).toEqual({ found: false, problem, message });
  });

  it('an engine without /distribution (Podman answers a bare 404) leaves a remote image unchecked', async () => {
    const docker = engineSaying(notLocal, engineError(404));
    await expect(resolveImage(docker, 'python:3.13-trixie', true)).resolves.toMatchObject({
      found: 'unchecked',
    });
  });

  it('…but asks a loopback registry directly (registry API v2 manifest HEAD)', async () => {
    const server = createServer((req, res) => {
      const ok = req.method === 'HEAD' && req.url === '/v2/python/manifests/3.13-trixie';
      res.writeHead(ok ? 200 : 404, ok ? { 'Docker-Content-Digest': DIGEST } : {}).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const docker = engineSaying(notLocal, engineError(404));
      await expect(resolveImage(docker, `${registry}/python:3.13-trixie`, true)).resolves.toEqual({
        found: 'registry',
        digest: DIGEST,
      });
      await expect(resolveImage(docker, `${registry}/python:3.99`, true)).resolves.toMatchObject({
        found: false,
        problem: 'missing',
      });
      // A remote engine's 127.0.0.1 is not ours: not asked.
      await expect(resolveImage(docker, `${registry}/python:3.13-trixie`, false)).resolves.toMatchObject({
        found: 'unchecked',
      });
    } finally {
      server.close();
    }
  });
});
