import { UserError } from '../errors.js';

/** Oldest engine API slim-py supports: multi-stage builds need Docker 17.06 (API 1.30). */
export const MIN_API_VERSION = '1.30';

type SysError = Error & { code?: string; address?: string; statusCode?: number };

/**
 * Turns a failure to reach the engine into one sentence and what to try. Anything that is not a
 * connection problem is returned unchanged.
 */
export function engineConnectionError(err: unknown, host: string): unknown {
  const e = err as SysError;
  if (!(e instanceof Error)) return err;
  const code = e.code ?? '';
  const msg = e.message ?? '';
  const isSocket = host.startsWith('unix://') || host.startsWith('npipe://');
  if (code === 'ENOENT' && isSocket) {
    return new UserError(
      `No Docker engine at ${host}.`,
      'start Docker (e.g. `sudo systemctl start docker`), or set DOCKER_HOST to the engine you use; `slim-py plan` works without one',
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserError(
      `Permission denied on the Docker socket ${host}.`,
      'add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again) or use rootless Docker',
    );
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code)) {
    return new UserError(
      `No Docker engine answers at ${host} (${code}).`,
      isSocket
        ? 'start Docker, or set DOCKER_HOST to the engine you use'
        : 'check that the engine runs and DOCKER_HOST is right (tcp://HOST:2376 with DOCKER_TLS_VERIFY=1, or ssh://USER@HOST)',
    );
  }
  if (/certificate|SSL|TLS|self.signed|EPROTO/i.test(`${code} ${msg}`)) {
    return new UserError(
      `The TLS handshake with the Docker engine at ${host} failed: ${msg}`,
      'check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY',
    );
  }
  if (/authentication|handshake|ssh/i.test(msg) && host.startsWith('ssh://')) {
    return new UserError(
      `Could not open an ssh connection to the Docker engine at ${host}: ${msg}`,
      'check that `ssh` to that host works with your agent (SSH_AUTH_SOCK) and that your user may use Docker there',
    );
  }
  return err;
}

/** DOCKER_CERT_PATH pointing at missing files fails while the client is made. */
export function certPathError(err: unknown): unknown {
  const e = err as SysError;
  if (e instanceof Error && e.code === 'ENOENT' && process.env.DOCKER_CERT_PATH) {
    return new UserError(
      `DOCKER_CERT_PATH=${process.env.DOCKER_CERT_PATH} lacks a file the TLS connection needs (${(e as { path?: string }).path ?? e.message}).`,
      'point DOCKER_CERT_PATH at the folder holding ca.pem, cert.pem and key.pem, or unset it',
    );
  }
  return err;
}

export function apiTooOld(apiVersion: string, serverVersion: string): UserError | undefined {
  if (compareVersions(apiVersion, MIN_API_VERSION) >= 0) return undefined;
  return new UserError(
    `The Docker engine (${serverVersion}, API ${apiVersion}) is too old; slim-py needs API ${MIN_API_VERSION} (Docker 17.06) or newer.`,
    'upgrade Docker, or point DOCKER_HOST at a newer engine',
  );
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
