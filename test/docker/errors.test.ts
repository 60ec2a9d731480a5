import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { apiTooOld, compareVersions, engineConnectionError } from '../../src/docker/errors.js';
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

describe('ssh engine errors (texts from real failing connections to the loopback sshd)', () => {
  const host = 'ssh://root@127.0.0.1:2222';
  const translate = (e: Error) => engineConnectionError(e, host);

  it('the far side has no docker CLI: the login worked, dial-stdio did not', () => {
    // `ssh -p 2222 root@127.0.0.1 dockerx system dial-stdio` answered this, with exit code 127.
    const e = Object.assign(
      new Error('`docker system dial-stdio` exited with 127: bash: docker: command not found'),
      {
        code: 'SSH_REMOTE_COMMAND',
        stderr: 'bash: docker: command not found',
      },
    );
    const u = translate(e);
    expect(isUserError(u) && u.message).toBe(
      `${host} accepted the ssh login, but \`docker system dial-stdio\` failed there: bash: docker: command not found`,
    );
    expect(isUserError(u) && u.hint).toMatch(/install the docker CLI on that host/);
  });

  it("ssh2's authentication failure names what was offered", () => {
    delete process.env.SSH_AUTH_SOCK;
    const e = Object.assign(new Error('All configured authentication methods failed'), {
      level: 'client-authentication',
    });
    const u = translate(e);
    expect(isUserError(u) && u.message).toBe(
      'root@127.0.0.1 refused the ssh login: slim-py offered no agent (SSH_AUTH_SOCK is unset) and the unencrypted keys in ~/.ssh.',
    );
    expect(isUserError(u) && u.hint).toContain('`ssh -p 2222 root@127.0.0.1 docker version`');
  });

  it('nothing listening on the ssh port', () => {
    const e = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2223'), { code: 'ECONNREFUSED' });
    const u = engineConnectionError(e, 'ssh://root@127.0.0.1:2223');
    expect(isUserError(u) && u.message).toBe(
      'Nothing answers ssh at ssh://root@127.0.0.1:2223 (ECONNREFUSED).',
    );
  });
});
