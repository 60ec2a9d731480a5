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
  const unreachable = ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN'];
  if (unreachable.includes(code) && host.startsWith('ssh://')) {
    return new UserError(
      `Nothing answers ssh at ${host} (${code}).`,
      'check the host and port in DOCKER_HOST (ssh://USER@HOST:PORT) and that sshd runs there',
    );
  }
  if (unreachable.includes(code)) {
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
  if (host.startsWith('ssh://')) return sshError(e, host) ?? err;
  return err;
}

/** ssh-transport.ts's refusals and ssh2's errors (texts as seen from real failing connections). */
function sshError(
  e: SysError & { level?: string; fingerprint?: string; file?: string; stderr?: string },
  host: string,
) {
  const u = new URL(host);
  const name = u.port && u.port !== '22' ? `[${u.hostname}]:${u.port}` : u.hostname;
  const sshCmd = `ssh${u.port ? ` -p ${u.port}` : ''} ${u.username ? `${u.username}@` : ''}${u.hostname}`;
  switch (e.code) {
    case 'SSH_HOST_UNKNOWN':
      return new UserError(
        `The ssh host key of ${name} (${e.fingerprint}) is not in your known_hosts, so slim-py does not trust ${host}.`,
        `check the fingerprint with the host's owner, then record it by connecting once with \`${sshCmd}\``,
      );
    case 'SSH_HOST_CHANGED':
      return new UserError(
        `The ssh host key of ${name} (${e.fingerprint}) is not the one recorded in ${e.file}: the connection may be intercepted, or the host was reinstalled.`,
        `ask the host's owner; only if its key really changed, forget the old one: \`ssh-keygen -R '${name}'\``,
      );
    case 'SSH_HOST_REVOKED':
      return new UserError(
        `The ssh host key of ${name} (${e.fingerprint}) is marked @revoked in ${e.file}.`,
        'use another host, or ask its owner for its new key',
      );
    case 'SSH_REMOTE_COMMAND':
      return new UserError(
        `${host} accepted the ssh login, but \`docker system dial-stdio\` failed there: ${e.stderr || e.message}`,
        'install the docker CLI on that host and let that user reach its engine (the docker group), as `docker -H ssh://…` needs too',
      );
  }
  if (e.level === 'client-authentication') {
    const offered = process.env.SSH_AUTH_SOCK
      ? 'the keys of the agent at SSH_AUTH_SOCK'
      : 'no agent (SSH_AUTH_SOCK is unset)';
    return new UserError(
      `${u.username || 'your user'}@${u.hostname} refused the ssh login: slim-py offered ${offered} and the unencrypted keys in ~/.ssh.`,
      `load your key into an agent (\`eval "$(ssh-agent)" && ssh-add\`) and check that \`${sshCmd} docker version\` works`,
    );
  }
  if (e.level === 'agent') {
    return new UserError(
      `No ssh agent answers at SSH_AUTH_SOCK=${process.env.SSH_AUTH_SOCK} (${e.message}).`,
      'start one (`eval "$(ssh-agent)" && ssh-add`) or unset SSH_AUTH_SOCK to use the keys in ~/.ssh',
    );
  }
  if (/handshake|ssh/i.test(e.message ?? '')) {
    return new UserError(
      `Could not open an ssh connection to the Docker engine at ${host}: ${e.message}`,
      `check that \`${sshCmd} docker version\` works`,
    );
  }
  return undefined;
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
