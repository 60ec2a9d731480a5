import path from 'node:path';
import { buildCommand, repositoryName } from '../../../src/session/index.js';
import type { Options } from '../../../src/strategies/types.js';

export interface NextInput {
  /** Project root (the build context) and the Dockerfile written, both absolute. */
  root: string;
  dockerfile: string;
  name: string;
  /** The answers the Dockerfile was rendered with (index, credentials, builder). */
  options: Options;
  needsBuildKit?: boolean;
  /** git+ssh requirements: the build forwards the ssh agent. */
  needsSsh?: boolean;
  /** --network given to the race (an engine without a bridge needs `host`). */
  network?: string;
  cwd: string;
}

/** A path as typed from where slim-py was started: relative when that is shorter, else absolute. */
function fromCwd(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  if (rel === '') return '.';
  return rel.startsWith('..') && rel.length >= p.length ? p : rel;
}

/** `docker build` (the same command as the Dockerfile's header, from here) and `docker run`. */
export function nextCommands(n: NextInput): string[] {
  const options = n.network ? { ...n.options, network: n.network } : n.options;
  const own = path.resolve(n.root, 'Dockerfile') === n.dockerfile;
  const build = buildCommand({
    options,
    name: n.name,
    needsBuildKit: n.needsBuildKit ?? false,
    ...(n.needsSsh ? { needsSsh: true } : {}),
    ...(own ? {} : { dockerfile: fromCwd(n.cwd, n.dockerfile) }),
    context: fromCwd(n.cwd, n.root),
  });
  return [build.command, ...build.notes.map((x) => `  (${x})`), `docker run --rm ${repositoryName(n.name)}`];
}
