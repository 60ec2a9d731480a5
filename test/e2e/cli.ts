import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IMAGE_TEMPLATES, INDEX_URL } from '../docker/helpers/e2e.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO, 'src/cli.tsx');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');

/**
 * The flags that point a race at the local test registry and index (.ci/env/up.sh). The images stay
 * templated by {python}: the project's Python (or `python`) picks the stand-ins.
 */
export function testEnvFlags(python?: string, indexUrl = INDEX_URL): string[] {
  const images = Object.entries(IMAGE_TEMPLATES).flatMap(([role, ref]) => ['--image', `${role}=${ref}`]);
  return [...(python ? ['--python', python] : []), ...images, '--index-url', indexUrl, '--network', 'host'];
}

export interface RaceRun {
  strategies: string;
  json?: boolean;
  write?: boolean;
  /** Keep the images, so the test can look inside them (it removes them by session after). */
  keep?: boolean;
  python?: string;
  indexUrl?: string;
}

/** `race DIR --yes …` against the test environment: the argv every headless race e2e starts with. */
export function raceArgs(dir: string, r: RaceRun): string[] {
  return [
    'race',
    dir,
    '--yes',
    ...(r.json ? ['--json'] : []),
    ...(r.write ? ['--write'] : []),
    ...(r.keep ? ['--keep'] : []),
    '--strategies',
    r.strategies,
    ...testEnvFlags(r.python, r.indexUrl),
  ];
}

/** Strategies whose bases exist locally (no Alpine mirror is reachable here). */
export const LOCAL_STRATEGIES =
  'full,slim,multistage-venv,multistage-wheels,multistage-user,distroless,closure';

/** A scratch copy of a fixture project, so written files never touch the repo. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `slim-py-${name}-`));
  cpSync(path.join(REPO, 'test/fixtures/projects', name), dir, { recursive: true });
  return dir;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the real CLI; `onStderr` sees progress lines as they come; `env` adds to the environment. */
export function startCli(
  args: string[],
  onStderr?: (text: string, child: ChildProcess) => void,
  env: Record<string, string> = {},
) {
  const child = spawn(TSX, [CLI, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
    onStderr?.(stderr, child);
  });
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCli(args: string[]): Promise<CliRun> {
  return startCli(args).done;
}

/** The session id the CLI prints first (`session ID: every image and container is labelled …`). */
export function sessionOf(stderr: string): string {
  const m = /session ([0-9a-f]+):/.exec(stderr);
  if (!m?.[1]) throw new Error(`no session id in the CLI's output:\n${stderr}`);
  return m[1];
}
