import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { TOOL_LABEL } from '../../src/docker/labels.js';
import { INDEX_URL } from '../docker/helpers/e2e.js';

const run = promisify(execFile);
/** Debian's docker.io client (its `docker build` is BuildKit without buildx), as .ci/env uses it. */
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

async function docker(args: string[], timeoutMs = 900_000): Promise<string> {
  const { stdout } = await run(DOCKER, args, {
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
  return stdout.trim();
}

/** `docker build` of the written Dockerfile in the project folder: nothing of slim-py in between. */
export async function dockerBuild(dir: string, tag: string): Promise<void> {
  const host = new URL(INDEX_URL).host;
  await docker([
    'build',
    '--quiet',
    '--network',
    'host',
    '--build-arg',
    `PIP_INDEX_URL=${INDEX_URL}`,
    '--build-arg',
    `PIP_TRUSTED_HOST=${host}`,
    '--label',
    `${TOOL_LABEL}=1`,
    '-t',
    tag,
    dir,
  ]).catch((e: { stderr?: string; message: string }) => {
    throw new Error(
      `docker build of the written Dockerfile failed:\n${(e.stderr ?? e.message).slice(-4000)}`,
    );
  });
}

/** GETs http://127.0.0.1:PORT/ until it answers (or 40 s pass); prints `status body`. */
const GET = `
import sys, time, urllib.request, urllib.error
url, last = sys.argv[1], ""
for _ in range(80):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            print(r.status, r.read(500).decode("utf-8", "replace")); sys.exit(0)
    except urllib.error.HTTPError as e:
        print(e.code, e.read(500).decode("utf-8", "replace")); sys.exit(0)
    except Exception as e:
        last = repr(e); time.sleep(0.5)
print("no answer:", last); sys.exit(1)
`;

export interface Answer {
  port: number;
  status: number;
  body: string;
  /** The container's own output (the server's log). */
  log: string;
}

/**
 * Starts the image with its own command and no network, then asks the app over loopback from
 * inside the container with the image's own Python (distroless and closure have no shell, but
 * they have Python). The port is the one the image EXPOSEs.
 */
export async function answersHttp(tag: string): Promise<Answer> {
  const config = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .Config}}', tag])) as {
    ExposedPorts?: Record<string, unknown>;
  };
  const exposed = Object.keys(config.ExposedPorts ?? {})[0];
  if (!exposed) throw new Error(`${tag} exposes no port`);
  const port = Number(exposed.split('/')[0]);
  const id = await docker(['run', '-d', '--network', 'none', '--label', `${TOOL_LABEL}=1`, tag]);
  try {
    let out = '';
    for (const python of ['/opt/venv/bin/python', 'python3', 'python']) {
      try {
        out = await docker(['exec', id, python, '-c', GET, `http://127.0.0.1:${port}/`], 120_000);
        break;
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message?: string };
        out = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || String(err.message);
        // Not this image's Python: try the next name; anything else is the answer.
        if (!/executable file not found|no such file/i.test(`${out}${err.message}`)) break;
      }
    }
    const log = await run(DOCKER, ['logs', id]).then(
      (r) => `${r.stdout}${r.stderr}`,
      () => '',
    );
    const m = /^(\d{3}) ([\s\S]*)$/.exec(out);
    if (!m) throw new Error(`${tag} did not answer on port ${port}: ${out}\n--- container log ---\n${log}`);
    return { port, status: Number(m[1]), body: m[2]!, log };
  } finally {
    await docker(['rm', '-f', id]).catch(() => undefined);
  }
}

export async function removeImage(tag: string): Promise<void> {
  await docker(['rmi', '-f', tag]).catch(() => undefined);
}
