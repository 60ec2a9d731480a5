import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerfilePath, packContext, scanContext } from '../../src/docker/build-context.js';
import { cleanupSession } from '../../src/docker/cleanup.js';
import { countBuildkitSteps } from '../../src/docker/dockerfile-steps.js';
import { DockerodeEngine } from '../../src/docker/dockerode-engine.js';
import type { BuildEvent } from '../../src/docker/engine.js';
import { candidateTag, newSessionId, sessionLabels } from '../../src/docker/labels.js';
import { IMAGES, RUN_E2E, requireEnvironment } from './helpers/e2e.js';

// What git over ssh needs from the build: the agent behind `RUN --mount=type=ssh`. The probe asks
// it for its identities over the agent protocol (SSH2_AGENTC_REQUEST_IDENTITIES = 11, answer 12)
// from inside the build, so no ssh client or git server is needed to see the forwarding work.
const PROBE = `import os, socket, struct
s = socket.socket(socket.AF_UNIX)
s.connect(os.environ["SSH_AUTH_SOCK"])
s.sendall(struct.pack(">IB", 1, 11))
head = s.recv(5)
n = struct.unpack(">I", s.recv(4))[0] if head[4:5] == b"\\x0c" else -1
print("ssh-agent identities:", n)
raise SystemExit(0 if n >= 1 else 3)
`;

const engine = new DockerodeEngine();
const session = `e2e${newSessionId()}`;
let project = '';

async function build(name: string, dockerfile: string, secrets: Record<string, string> = {}) {
  const plan = await scanContext(project);
  const events: BuildEvent[] = [];
  for await (const e of engine.build({
    context: packContext(plan, dockerfile, name),
    dockerfile: dockerfilePath(name),
    tag: candidateTag(session, name),
    labels: sessionLabels(session, name),
    network: 'host',
    noCache: true,
    secrets,
    expectedSteps: countBuildkitSteps(dockerfile),
  })) {
    events.push(e);
  }
  return events.at(-1) as BuildEvent;
}

const DOCKERFILE = `FROM ${IMAGES.slim}
RUN --mount=type=ssh,required=true --mount=type=secret,id=known_hosts,target=/root/.ssh/known_hosts \\
    --mount=type=bind,target=/probe \\
    python3 /probe/probe.py && grep -q '^host.example ssh-ed25519 ' /root/.ssh/known_hosts
`;

describe.runIf(RUN_E2E)('the build session forwards the ssh agent (RUN --mount=type=ssh)', () => {
  beforeAll(async () => {
    await requireEnvironment();
    project = mkdtempSync(join(tmpdir(), 'slim-py-ssh-'));
    writeFileSync(join(project, 'probe.py'), PROBE);
  });
  afterAll(async () => {
    if (RUN_E2E) await cleanupSession(engine, session).catch(() => undefined);
  });

  it('the build reaches the agent at SSH_AUTH_SOCK, and reads known_hosts from the secret', {
    timeout: 180_000,
  }, async () => {
    expect(process.env.SSH_AUTH_SOCK, 'the shared env (env.sh) starts an agent with a key').toBeTruthy();
    const end = await build('agent', DOCKERFILE, { known_hosts: 'host.example ssh-ed25519 AAAAC3Nz\n' });
    expect(end).toMatchObject({ type: 'built' });
  });

  it('without an agent the build fails and says what to do', { timeout: 180_000 }, async () => {
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      const end = await build('no-agent', DOCKERFILE);
      expect(end.type).toBe('failed');
      expect(JSON.stringify(end)).toContain('SSH_AUTH_SOCK is not set');
    } finally {
      process.env.SSH_AUTH_SOCK = saved;
    }
  });
});
