import type { Flags } from '../cli/args.js';
import { cleanupAll } from '../docker/cleanup.js';
import { DockerodeEngine } from '../docker/dockerode-engine.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** `slim-py clean`: removes every image and container any slim-py run labelled and left behind. */
export async function cleanCommand(flags: Flags): Promise<ExitCode> {
  const engine = new DockerodeEngine();
  await engine.connect();
  const removed = await cleanupAll(engine);
  const text = `removed ${removed.containers.length} containers and ${removed.images.length} images labelled slim-py`;
  process.stdout.write(flags.json ? `${JSON.stringify(removed)}\n` : `${text}\n`);
  return EXIT.ok;
}
