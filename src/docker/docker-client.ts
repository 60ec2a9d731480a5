import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import ssh2 from 'ssh2';
import { dockerHost } from './docker-host.js';
import type { KnownHostsFile } from './known-hosts.js';
import type { SshSetup } from './ssh-connection.js';
import { parseSshHost, SshAgent } from './ssh-transport.js';

/**
 * The dockerode client for DOCKER_HOST. unix, npipe and tcp (with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH) are docker-modem's own; ssh:// goes through ssh-transport.ts.
 */
export function createDocker(): Docker {
  const host = dockerHost();
  if (!host.startsWith('ssh://')) return new Docker();
  const setup = sshSetup(host, process.env);
  const agent = new SshAgent(setup);
  // The address only fills the Host header: every byte goes through the agent's channels.
  return new Docker({ protocol: 'http', host: setup.target.host, port: setup.target.port, agent } as never);
}

/** What `ssh` itself would use: known_hosts of the user and the system, the agent, default keys. */
function sshSetup(host: string, env: NodeJS.ProcessEnv): SshSetup {
  const home = homedir();
  const knownHosts: KnownHostsFile[] = [];
  for (const path of [
    join(home, '.ssh', 'known_hosts'),
    join(home, '.ssh', 'known_hosts2'),
    '/etc/ssh/ssh_known_hosts',
    '/etc/ssh/ssh_known_hosts2',
  ]) {
    const text = readOrUndefined(() => readFileSync(path, 'utf8'));
    if (text !== undefined) knownHosts.push({ path, text });
  }
  const privateKeys: Buffer[] = [];
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    const key = readOrUndefined(() => readFileSync(join(home, '.ssh', name)));
    // A key with a passphrase is the agent's job: there is no prompt here.
    if (key && !(ssh2.utils.parseKey(key) instanceof Error)) privateKeys.push(key);
  }
  return {
    target: parseSshHost(host, userInfo().username),
    knownHosts,
    ...(env.SSH_AUTH_SOCK ? { agentSocket: env.SSH_AUTH_SOCK } : {}),
    privateKeys,
  };
}

/** A file that may be missing or unreadable: undefined then, as ssh skips it. */
function readOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
