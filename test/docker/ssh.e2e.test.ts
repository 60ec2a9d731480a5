import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { isUserError } from '../../src/errors.js';
import { IMAGES, requireEngineVar, SSH_HOST } from './helpers/e2e.js';

// Keys are put back one by one: a new process.env object would no longer reach os.homedir().
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['DOCKER_HOST', 'HOME', 'SSH_AUTH_SOCK']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const REPO = join(import.meta.dirname, '../..');
const target = SSH_HOST ? new URL(SSH_HOST) : undefined;
const name = target ? `[${target.hostname}]:${target.port}` : '';

/** A HOME of its own: an .ssh folder with the given known_hosts text (or none at all). */
function home(knownHosts?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slim-py-ssh-home-'));
  mkdirSync(join(dir, '.ssh'), { mode: 0o700 });
  if (knownHosts !== undefined) writeFileSync(join(dir, '.ssh', 'known_hosts'), knownHosts);
  return dir;
}

/** The line for the test host that .ci/env/sshd.sh recorded in the real ~/.ssh/known_hosts. */
function recordedLine(): string {
  const text = readFileSync(join(homedir(), '.ssh', 'known_hosts'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} line in ~/.ssh/known_hosts: run .ci/env/sshd.sh`);
  return line;
}

async function connectError(env: Record<string, string | undefined>): Promise<unknown> {
  Object.assign(process.env, { DOCKER_HOST: SSH_HOST }, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  return new DockerodeEngine().connect().then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe.runIf(SSH_HOST)('DOCKER_HOST=ssh:// to the loopback sshd', () => {
  beforeAll(() => requireEngineVar('SLIMPY_TEST_SSH_HOST', SSH_HOST));

  it('does the engine calls of a race through dial-stdio, and the process exits by itself after', {
    timeout: 180_000,
  }, async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'test/docker/helpers/ssh-probe.ts'), IMAGES.debian],
      { cwd: REPO, env: { ...process.env, DOCKER_HOST: SSH_HOST } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const closedAt = Date.now();
    expect(code, err).toBe(0);
    const r = JSON.parse(out);
    expect(r.info).toMatchObject({ kind: 'docker', host: SSH_HOST, builder: 'buildkit' });
    expect(r.run).toMatchObject({ exitCode: 0, stdout: 'over ssh\n' });
    expect(r.compressed).toBeGreaterThan(10_000_000);
    expect(r.exported).toBeGreaterThan(50_000_000);
    expect(r.left).toEqual({ containers: [], images: [] });
    // docker-modem's own transport kept the process alive for good (issue 13); now it ends at once.
    expect(closedAt - r.at).toBeLessThan(5000);
  });

  it('an unknown host key is refused in one sentence with its fingerprint', { timeout: 60_000 }, async () => {
    const e = await connectError({ HOME: home('') });
    expect(isUserError(e) && e.message).toMatch(
      new RegExp(
        `^The ssh host key of \\[127\\.0\\.0\\.1\\]:\\d+ \\(ssh-ed25519 SHA256:\\S+\\) is not in your known_hosts, so slim-py does not trust ${SSH_HOST}\\.$`,
      ),
    );
    expect(isUserError(e) && e.hint).toMatch(
      /record it by connecting once with `ssh -p \d+ root@127\.0\.0\.1`/,
    );
  });

  it('a changed host key is refused and names the line that records the old one', {
    timeout: 60_000,
  }, async () => {
    const other = readFileSync(join(REPO, 'test/fixtures/ssh/other_ed25519.pub'), 'utf8').split(' ');
    const dir = home(`${name} ${other[0]} ${other[1]}\n`);
    const e = await connectError({ HOME: dir });
    expect(isUserError(e) && e.message).toContain(
      `is not the one recorded in ${join(dir, '.ssh', 'known_hosts')}:1: the connection may be intercepted`,
    );
    expect(isUserError(e) && e.hint).toContain(`ssh-keygen -R '${name}'`);
  });

  it('no key the server accepts: one sentence on what was offered', { timeout: 60_000 }, async () => {
    const e = await connectError({ HOME: home(`${recordedLine()}\n`), SSH_AUTH_SOCK: undefined });
    expect(isUserError(e) && e.message).toBe(
      `root@127.0.0.1 refused the ssh login: slim-py offered no agent (SSH_AUTH_SOCK is unset) and the unencrypted keys in ~/.ssh.`,
    );
  });

  it('an agent socket that is not there', { timeout: 60_000 }, async () => {
    const e = await connectError({ SSH_AUTH_SOCK: '/nonexistent/slim-py-agent.sock' });
    expect(isUserError(e) && e.message).toBe(
      'No ssh agent answers at SSH_AUTH_SOCK=/nonexistent/slim-py-agent.sock (Failed to connect to agent).',
    );
  });
});
