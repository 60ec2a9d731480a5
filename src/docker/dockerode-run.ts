import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { RunOptions, RunResult } from './engine.js';

const OUTPUT_LIMIT = 1024 * 1024;

/**
 * Runs argv in a fresh container and collects its output. argv[0] is the Entrypoint (no shell),
 * the container is always removed, a timeout kills it. A command that cannot start at all
 * (interpreter not in the image) is a result with exit code 127, not an exception.
 */
export async function runContainer(docker: Docker, opts: RunOptions): Promise<RunResult> {
  const [exe, ...args] = opts.argv;
  if (!exe) throw new Error('run: empty argv');
  const c = await docker.createContainer({
    Image: opts.image,
    Entrypoint: [exe],
    Cmd: args,
    ...(opts.user !== undefined ? { User: opts.user } : {}),
    ...(opts.workdir ? { WorkingDir: opts.workdir } : {}),
    Labels: opts.labels,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    NetworkDisabled: opts.network === 'none',
    HostConfig: { NetworkMode: opts.network },
  });
  const out = collector();
  const err = collector();
  let timedOut = false;
  try {
    const attached = await c.attach({ stream: true, stdout: true, stderr: true });
    const ended = new Promise<void>((resolve) => {
      attached.on('end', resolve);
      attached.on('close', resolve);
      attached.on('error', () => resolve());
    });
    docker.modem.demuxStream(attached, out.sink, err.sink);
    try {
      await c.start();
    } catch (e) {
      return { exitCode: 127, stdout: '', stderr: (e as Error).message, timedOut: false };
    }
    const kill = () => c.kill().catch(() => undefined);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs);
    opts.signal?.addEventListener('abort', kill, { once: true });
    try {
      const status = (await c.wait()) as { StatusCode?: number };
      // Output may still be in flight when wait() answers; give the attach stream a moment.
      await Promise.race([ended, new Promise((r) => setTimeout(r, 2000))]);
      return { exitCode: status.StatusCode ?? -1, stdout: out.text(), stderr: err.text(), timedOut };
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', kill);
    }
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
  }
}

function collector() {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new PassThrough();
  sink.on('data', (b: Buffer) => {
    if (size < OUTPUT_LIMIT) chunks.push(b);
    size += b.length;
  });
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}
