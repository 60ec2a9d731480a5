/**
 * Run as a child process by ssh.e2e.test.ts with DOCKER_HOST=ssh://…: the engine calls a race
 * makes (connect, a container, a save stream, a filesystem export, cleanup by label), then it
 * prints one JSON line and simply returns. The test measures how long the process takes to exit.
 */
import { DockerodeEngine } from '../../../src/docker/dockerode-engine.js';
import { sessionFilter, sessionLabels } from '../../../src/docker/labels.js';

const image = process.argv[2] ?? '127.0.0.1:5000/debian:12-slim';
const session = `ssh-probe-${process.pid}`;
const engine = new DockerodeEngine();
const info = await engine.connect();
const labels = sessionLabels(session);
const run = await engine.run({
  image,
  argv: ['echo', 'over ssh'],
  network: 'none',
  labels,
  timeoutMs: 60_000,
});
const compressed = await engine.compressedSize(image);
let exported = 0;
for await (const chunk of (await engine.exportFiles(image, labels)) as AsyncIterable<Buffer>)
  exported += chunk.length;
const removed = await engine.removeByLabel(sessionFilter(session));
const left = await engine.listByLabel(sessionFilter(session));
process.stdout.write(
  `${JSON.stringify({ info, run, compressed, exported, removed: removed.containers.length, left, at: Date.now() })}\n`,
);
