import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/session/index.js';
import type { SessionRequest } from '../../src/session/types.js';
import { html, simplePage, startIndexServer } from '../analysis/index-server.js';
import { tempProject } from '../project/temp-project.js';
import { engineOn } from '../race/memory-engine.js';

const RACE = { concurrency: 1, keep: false, noCache: true, timeoutSeconds: 60 };

describe('the session judges wheels for the machine that builds', () => {
  let server: Awaited<ReturnType<typeof startIndexServer>>;
  let request: SessionRequest;
  beforeAll(async () => {
    // An x86_64-only wheel and an sdist: an aarch64 engine compiles it, an x86_64 one does not.
    server = await startIndexServer({
      '/simple/onlyx86/': html(
        simplePage(['onlyx86-1.0-cp311-cp311-manylinux_2_17_x86_64.whl', 'onlyx86-1.0.tar.gz']),
      ),
    });
    const dir = await tempProject({ 'requirements.txt': 'onlyx86==1.0\n', 'app.py': '' });
    request = {
      dir,
      python: '3.11',
      images: [],
      indexUrl: `${server.base}/simple/`,
      offline: false,
      race: RACE,
    };
  });
  afterAll(async () => server?.close());

  const verdict = async (session: ReturnType<typeof createSession>) => {
    const plan = await session.plan();
    return { target: plan.target, glibc: plan.verdicts.find((v) => v.name === 'onlyx86')?.glibc };
  };

  it("an aarch64 engine (ssh://an-arm64-box): the engine's arch, not this machine's", async () => {
    const session = createSession(request, { engine: async () => engineOn('aarch64') });
    await session.connect();
    expect(await verdict(session)).toEqual({
      target: { python: '3.11', arch: 'aarch64', archFrom: 'engine' },
      glibc: 'compile',
    });
  });

  it("Podman's names (amd64) are the wheel tags' x86_64", async () => {
    const session = createSession(request, { engine: async () => engineOn('amd64') });
    await session.connect();
    expect(await verdict(session)).toEqual({
      target: { python: '3.11', arch: 'x86_64', archFrom: 'engine' },
      glibc: 'wheel',
    });
  });

  it('a plan waits for a connect under way', async () => {
    const session = createSession(request, { engine: async () => engineOn('arm64') });
    const connected = session.connect();
    expect((await verdict(session)).target.arch).toBe('aarch64');
    await connected;
  });

  it("without an engine: this machine's architecture, and the plan says so", async () => {
    const session = createSession(request, {
      engine: async () => {
        throw new Error('no engine');
      },
    });
    await expect(session.connect()).rejects.toThrow('no engine');
    const { target } = await verdict(session);
    expect(target.archFrom).toBe('host');
    expect(target.arch).toBe(process.arch === 'arm64' ? 'aarch64' : 'x86_64');
  });

  it('an engine on an architecture without wheel tags here is a user error', async () => {
    const session = createSession(request, { engine: async () => engineOn('s390x') });
    await session.connect();
    await expect(session.plan()).rejects.toThrow(/runs on s390x/);
  });
});
