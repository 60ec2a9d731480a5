import { DockerodeEngine } from '../../../src/docker/dockerode-engine.js';

/**
 * Where the e2e suites find the engine, registry and index (.ci/env/up.sh writes these to
 * .ci/work/env.sh). With SLIMPY_E2E=1 (CI) a missing engine fails the suite; without it the
 * suite runs only when an engine answers.
 */
export const REGISTRY = process.env.SLIMPY_TEST_REGISTRY ?? '127.0.0.1:5000';
export const INDEX_URL = process.env.SLIMPY_TEST_INDEX ?? 'http://127.0.0.1:8765/simple/';
/** Role → image, `{python}` templated: SLIMPY_TEST_IMAGES (env.sh), else up.sh's stand-ins. */
export const IMAGE_TEMPLATES: Record<string, string> = {
  full: `${REGISTRY}/python:{python}-trixie`,
  slim: `${REGISTRY}/python:{python}-slim-trixie`,
  distroless: `${REGISTRY}/distroless/python3-debian13:nonroot`,
  debian: `${REGISTRY}/debian:13-slim`,
  ...Object.fromEntries(
    (process.env.SLIMPY_TEST_IMAGES ?? '')
      .split(/\s+/)
      .filter((x) => x.includes('='))
      .map((x) => [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)]),
  ),
};

/** The stand-ins for one Python (3.11 and 3.13 are built by .ci/env/images.sh). */
export function imagesFor(python: string) {
  const t = (role: string) => (IMAGE_TEMPLATES[role] ?? '').replaceAll('{python}', python);
  return { full: t('full'), slim: t('slim'), distroless: t('distroless'), debian: t('debian') };
}

/** The 3.11 stand-ins, for suites about the engine rather than a Python version. */
export const IMAGES = imagesFor('3.11');
export const E2E_REQUIRED = process.env.SLIMPY_E2E === '1';

const probe = await new DockerodeEngine().connect().then(
  () => ({ ok: true as const, error: '' }),
  (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
);
export const RUN_E2E = E2E_REQUIRED || probe.ok;

/** Call in beforeAll: fails loudly when the environment the suite needs is missing. */
export async function requireEnvironment(): Promise<void> {
  if (!probe.ok) {
    throw new Error(
      `SLIMPY_E2E=1 but no Docker engine is reachable: ${probe.error} (start it with .ci/env/up.sh)`,
    );
  }
  const registry = await fetch(`http://${REGISTRY}/v2/_catalog`).then(
    (r) => r.ok,
    () => false,
  );
  if (!registry)
    throw new Error(`the test registry at ${REGISTRY} does not answer (start it with .ci/env/up.sh)`);
  const index = await fetch(INDEX_URL).then(
    (r) => r.ok,
    () => false,
  );
  if (!index)
    throw new Error(`the test package index at ${INDEX_URL} does not answer (start it with .ci/env/up.sh)`);
}

/**
 * The other engines .ci/env/up.sh starts: Podman's compatible API and the same Docker engine over
 * ssh to a loopback sshd (its key in the agent at SSH_AUTH_SOCK). CI must have both; elsewhere a
 * suite runs when its variable is set.
 */
export const PODMAN_HOST = process.env.SLIMPY_TEST_PODMAN_HOST;
export const SSH_HOST = process.env.SLIMPY_TEST_SSH_HOST;

/** Call in beforeAll of a suite that needs `name`: in CI a missing engine fails, never skips. */
export function requireEngineVar(name: string, value: string | undefined): void {
  if (value === undefined && process.env.CI) {
    throw new Error(`${name} is not set in CI: .ci/env/up.sh should have written it to .ci/work/env.sh`);
  }
}
