import path from 'node:path';

export interface NextInput {
  /** Project root (the build context) and the Dockerfile written, both absolute. */
  root: string;
  dockerfile: string;
  name: string;
  /** The candidate's build args (a private index): the build needs them as it did in the race. */
  buildArgs?: Record<string, string>;
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

function quote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/** `docker build` and `docker run` for the written Dockerfile, as one would type them. */
export function nextCommands(n: NextInput): string[] {
  const parts = ['docker build'];
  if (n.network) parts.push(`--network ${quote(n.network)}`);
  for (const [k, v] of Object.entries(n.buildArgs ?? {})) parts.push(`--build-arg ${quote(`${k}=${v}`)}`);
  if (path.resolve(n.root, 'Dockerfile') !== n.dockerfile)
    parts.push(`-f ${quote(fromCwd(n.cwd, n.dockerfile))}`);
  parts.push(`-t ${n.name}`, quote(fromCwd(n.cwd, n.root)));
  return [parts.join(' '), `docker run --rm ${n.name}`];
}
