import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanupSession } from '../../src/docker/cleanup.js';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import { SESSION_LABEL } from '../../src/docker/labels.js';
import { RUN_E2E, requireEnvironment } from '../docker/helpers/e2e.js';
import { copyFixture, REPO, raceArgs, runCli, sessionOf } from './cli.js';

/**
 * Issue 10: a `git+ssh://` requirement cloned for real. The git server is the test env's own sshd
 * (.ci/env/sshd.sh: root on 127.0.0.1, the key held by the agent at SSH_AUTH_SOCK, the host key in
 * ~/.ssh/known_hosts); the repository is the puregreet fixture at a version the index does not have,
 * so only the clone can have put it in the image.
 */
const GIT_VERSION = '0.2.0';
const engine = new DockerodeEngine();

function sshHostPort(): string {
  const url = new URL(process.env.SLIMPY_TEST_SSH_HOST ?? 'ssh://root@127.0.0.1:2222');
  return `${url.hostname}:${url.port || '22'}`;
}

/** A bare repository holding puregreet GIT_VERSION; returns its path on this machine. */
function bareRepo(): string {
  const work = mkdtempSync(path.join(tmpdir(), 'slim-py-git-'));
  const src = path.join(work, 'src');
  cpSync(path.join(REPO, 'test/fixtures/packages/puregreet'), src, { recursive: true });
  const pyproject = path.join(src, 'pyproject.toml');
  writeFileSync(
    pyproject,
    readFileSync(pyproject, 'utf8').replace('version = "0.1.0"', `version = "${GIT_VERSION}"`),
  );
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=slim-py', '-c', 'user.email=e2e@slim-py.invalid', ...args], {
      cwd,
      stdio: 'pipe',
    });
  git(src, 'init', '-q', '-b', 'main');
  git(src, 'add', '.');
  git(src, 'commit', '-q', '-m', 'puregreet for the git+ssh e2e');
  git(work, 'clone', '-q', '--bare', src, 'puregreet.git');
  return path.join(work, 'puregreet.git');
}

describe.runIf(RUN_E2E)('a git+ssh requirement, cloned over ssh inside the build', () => {
  beforeAll(requireEnvironment);

  it('the race clones it through the forwarded agent, checks the host key, and installs that commit', {
    timeout: 900_000,
  }, async () => {
    expect(process.env.SSH_AUTH_SOCK, 'the shared env (env.sh) starts an agent with a key').toBeTruthy();
    const dir = copyFixture('e2e-pure');
    appendFileSync(
      path.join(dir, 'requirements.txt'),
      `puregreet @ git+ssh://root@${sshHostPort()}${bareRepo()}@main\n`,
    );
    const run = await runCli(
      raceArgs(dir, { strategies: 'multistage-venv', json: true, write: true, keep: true, python: '3.11' }),
    );
    const session = sessionOf(run.stderr);
    try {
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as {
        candidates: { id: string; image: string; passed: boolean; error: string | null }[];
      };
      const venv = json.candidates.find((c) => c.id === 'multistage-venv')!;
      expect(venv.passed, venv.error ?? '').toBe(true);
      const version = await engine.run({
        image: venv.image,
        argv: ['/opt/venv/bin/python', '-c', 'import importlib.metadata as m; print(m.version("puregreet"))'],
        network: 'none',
        labels: { [SESSION_LABEL]: session },
        timeoutMs: 60_000,
      });
      expect(version.stdout.trim(), version.stderr).toBe(GIT_VERSION);
      const written = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      expect(written).toContain('--mount=type=ssh,required=true');
      expect(written).toContain('--ssh default');
    } finally {
      await cleanupSession(engine, session);
    }
  });
});
