import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BuilderKind, EngineKind } from './engine.js';
import { compareVersions } from './errors.js';

/** The engine address dockerode (docker-modem) will use, as the user would write DOCKER_HOST. */
export function dockerHost(env: NodeJS.ProcessEnv = process.env): string {
  const h = env.DOCKER_HOST;
  if (!h) {
    // docker-modem prefers Docker Desktop's per-user socket when it exists.
    const user = join(homedir(), '.docker', 'run', 'docker.sock');
    return `unix://${existsSync(user) ? user : '/var/run/docker.sock'}`;
  }
  return h.includes('://') ? h : `tcp://${h}`;
}

/** BuildKit through the API needs API 1.39 (Docker 18.09) on Linux; DOCKER_BUILDKIT=0 opts out. */
export function canUseBuildkit(
  apiVersion: string,
  os: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.DOCKER_BUILDKIT === '0' || env.DOCKER_BUILDKIT === 'false') return false;
  return os === 'linux' && compareVersions(apiVersion, '1.39') >= 0;
}

export function builderName(kind: BuilderKind): string {
  return kind === 'buildkit' ? 'BuildKit' : 'the classic builder';
}

/** Podman's compatible API lists a 'Podman Engine' component in GET /version; Docker never does. */
export function engineKind(version: { Components?: { Name?: string }[] | null }): EngineKind {
  return (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? 'podman' : 'docker';
}
