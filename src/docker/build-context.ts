import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import dockerignoreModule from '@balena/dockerignore';
import { pack } from 'tar-fs';
import { UserError } from '../errors.js';
import type { BuilderKind } from './engine.js';

/**
 * The build context: the project directory minus what .dockerignore excludes (filtered here, as
 * the docker CLI does: engines do not filter an uploaded tar), plus the generated Dockerfile as
 * `.slim-py-Dockerfile.<id>` (so a user's own Dockerfile is never touched). Measured once
 * (scanContext), packed once per candidate (packContext).
 *
 * Where the Dockerfile ends up matters for `COPY . .`: the classic builder drops files that the
 * uploaded .dockerignore excludes *after* reading the Dockerfile, so we append our name to it
 * (the docker CLI's own trick). BuildKit fed a tar over the API (dockerode has no file-sync
 * session) ignores .dockerignore altogether, so there `.slim-py-Dockerfile.<id>` (a few hundred
 * bytes) is copied along by a `COPY . .`.
 */
export interface ContextPlan {
  dir: string;
  /** Relative posix paths to send: files, symlinks and the directories that hold them. */
  include: Set<string>;
  sizeBytes: number;
  files: number;
  /** The project's .dockerignore text, when it has one. */
  userDockerignore?: string;
  /** Whether the project's rules exclude .dockerignore itself (then it is not sent to BuildKit). */
  ignoresItself: boolean;
}

export const DEFAULT_CONTEXT_LIMIT = 500 * 1024 * 1024;
/** slim-py's own folder (reports); never sent. */
export const GENERATED_DIR = '.slim-py';
export const GENERATED_PREFIX = '.slim-py-Dockerfile.';

export async function scanContext(dir: string, limitBytes = DEFAULT_CONTEXT_LIMIT): Promise<ContextPlan> {
  const userFile = await readFile(join(dir, '.dockerignore'), 'utf8').catch(() => undefined);
  const userRules = userFile ?? '';
  const ig = dockerignore().add(userRules.split(/\r?\n/));
  const hasExceptions = /^\s*!/m.test(userRules);
  const include = new Set<string>();
  const topSizes = new Map<string, number>();
  let sizeBytes = 0;
  let files = 0;

  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel === '' ? dir : join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (
        rel === '' &&
        (e.name === GENERATED_DIR || e.name === '.dockerignore' || e.name.startsWith(GENERATED_PREFIX))
      ) {
        continue;
      }
      const ignored = ig.ignores(path);
      if (e.isDirectory()) {
        // An excluded directory is skipped unless a `!` rule could bring something inside back.
        if (ignored && !hasExceptions) continue;
        await walk(path);
        continue;
      }
      if (ignored || !(e.isFile() || e.isSymbolicLink())) continue;
      const st = await lstat(join(dir, path));
      for (let p = posix.dirname(path); p !== '.'; p = posix.dirname(p)) include.add(p);
      include.add(path);
      files += 1;
      sizeBytes += st.size + 512;
      const top = path.split('/')[0] as string;
      topSizes.set(top, (topSizes.get(top) ?? 0) + st.size);
    }
  };
  await walk('');

  if (sizeBytes > limitBytes) {
    const biggest = [...topSizes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const list = biggest.map(([p, s]) => `${p} (${mb(s)})`).join(', ');
    throw new UserError(
      `The build context is ${mb(sizeBytes)}, over the ${mb(limitBytes)} limit; the largest entries are ${list}.`,
      `add what the image does not need to .dockerignore (e.g. ${biggest.map(([p]) => `\`${p}\``).join(', ')}), or raise the limit`,
      { file: '.dockerignore' },
    );
  }
  const plan: ContextPlan = { dir, include, sizeBytes, files, ignoresItself: ig.ignores('.dockerignore') };
  return userFile === undefined ? plan : { ...plan, userDockerignore: userFile };
}

/**
 * Path of a candidate's generated Dockerfile inside the context: at the root, like the docker
 * CLI's own `.dockerfile.<random>`, so the classic builder leaves no empty folder behind.
 */
export function dockerfilePath(candidateId: string): string {
  return `${GENERATED_PREFIX}${candidateId}`;
}

/** The .dockerignore to send, if any (see the comment at the top). */
export function uploadedDockerignore(plan: ContextPlan, builder: BuilderKind): string | undefined {
  const user = plan.userDockerignore;
  if (builder === 'buildkit') return user !== undefined && !plan.ignoresItself ? user : undefined;
  const base =
    user === undefined ? '.dockerignore\n' : `${user}${user === '' || user.endsWith('\n') ? '' : '\n'}`;
  return `${base}${GENERATED_PREFIX}*\n`;
}

/** A fresh tar stream of the context with `dockerfile` added at `dockerfilePath(candidateId)`. */
export function packContext(
  plan: ContextPlan,
  dockerfile: string,
  candidateId: string,
  builder: BuilderKind = 'buildkit',
  /** Files the candidate needs beside the project's (slim-py.lock.txt): they replace same-named ones. */
  files: Record<string, string> = {},
): NodeJS.ReadableStream {
  const root = plan.dir;
  const ignoreFile = uploadedDockerignore(plan, builder);
  return pack(root, {
    ignore: (abs: string) => {
      const rel = relative(root, abs).split(sep).join('/');
      return !plan.include.has(rel) || rel in files;
    },
    finalize: false,
    finish: (p) => {
      const mtime = new Date(0);
      if (ignoreFile !== undefined) p.entry({ name: '.dockerignore', mode: 0o644, mtime }, ignoreFile);
      p.entry({ name: dockerfilePath(candidateId), mode: 0o644, mtime }, dockerfile);
      for (const [name, text] of Object.entries(files)) p.entry({ name, mode: 0o644, mtime }, text);
      p.finalize();
    },
  }) as unknown as NodeJS.ReadableStream;
}

// The package is CommonJS with `exports.default = factory`; TypeScript's view of it is not callable.
type IgnoreFactory = () => { add(rules: string[]): { ignores(path: string): boolean } };
const dockerignore = ((dockerignoreModule as unknown as { default?: IgnoreFactory }).default ??
  dockerignoreModule) as unknown as IgnoreFactory;

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
