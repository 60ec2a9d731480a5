import { connect, type Socket } from 'node:net';
import ssh2, { type AnyAuthMethod, type ClientChannel } from 'ssh2';
import {
  checkHostKey,
  fingerprint,
  type KnownHostsFile,
  keyType,
  knownHostsName,
  knownKeyTypes,
} from './known-hosts.js';

/** One ssh connection to the engine's host and the channels (`docker system dial-stdio`) on it. */
export interface SshTarget {
  username: string;
  host: string;
  port: number;
}

export interface SshSetup {
  target: SshTarget;
  knownHosts: KnownHostsFile[];
  /** ssh-agent socket (SSH_AUTH_SOCK), tried first. */
  agentSocket?: string;
  /** Unencrypted private keys from the default identity files, tried after the agent. */
  privateKeys: Buffer[];
}

/** Errors carry a code for errors.ts, which turns them into one sentence. */
export type SshErrorCode =
  | 'SSH_HOST_UNKNOWN'
  | 'SSH_HOST_CHANGED'
  | 'SSH_HOST_REVOKED'
  | 'SSH_REMOTE_COMMAND';
export type SshError = Error & { code: SshErrorCode; fingerprint?: string; file?: string; stderr?: string };

const REMOTE_COMMAND = 'docker system dial-stdio';
/** OpenSSH allows 10 sessions per connection (MaxSessions); stay under it, open another beyond. */
export const CHANNELS_PER_CONNECTION = 8;
const RSA = ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  ...RSA,
];

function sshError(code: SshErrorCode, message: string, extra: Partial<SshError> = {}): SshError {
  return Object.assign(new Error(message), { code, ...extra });
}

export class Connection {
  readonly client = new ssh2.Client();
  readonly socket: Socket;
  readonly ready: Promise<void>;
  readonly channels = new Set<ClientChannel>();
  readonly idle = new Set<ClientChannel>();
  opening = 0;
  closed = false;
  /** The server refused another channel: new ones go to another connection. */
  full = false;

  constructor(private readonly setup: SshSetup) {
    const { target } = setup;
    this.socket = connect(target.port, target.host);
    const name = knownHostsName(target.host, target.port);
    const known = knownKeyTypes(setup.knownHosts, name).flatMap((t) => (t === 'ssh-rsa' ? RSA : [t]));
    let refused: SshError | undefined;
    this.ready = new Promise((resolve, reject) => {
      this.client.once('ready', () => resolve());
      this.client.on('error', (e) => reject(refused ?? e));
      this.client.on('close', () => {
        this.closed = true;
        reject(refused ?? new Error(`the ssh connection to ${name} closed`));
      });
    });
    this.ready.catch(() => undefined);
    this.client.connect({
      sock: this.socket,
      username: target.username,
      readyTimeout: 20_000,
      // Ask for a key type known_hosts has for this host first, as ssh does.
      algorithms: { serverHostKey: [...new Set([...known, ...HOST_KEY_ALGORITHMS])] as never },
      hostVerifier: (key: Buffer) => {
        const v = checkHostKey(setup.knownHosts, name, key);
        if (v.status === 'known') return true;
        const fp = `${keyType(key)} ${fingerprint(key)}`;
        const files = setup.knownHosts.map((f) => f.path).join(', ');
        refused =
          v.status === 'unknown'
            ? sshError('SSH_HOST_UNKNOWN', `host key ${fp} of ${name} is not in ${files}`, {
                fingerprint: fp,
              })
            : sshError(
                v.status === 'changed' ? 'SSH_HOST_CHANGED' : 'SSH_HOST_REVOKED',
                `host key ${fp} of ${name} does not match ${v.path}:${v.line}`,
                { fingerprint: fp, file: `${v.path}:${v.line}` },
              );
        return false;
      },
      authHandler: this.methods(),
    });
  }

  private methods(): AnyAuthMethod[] {
    const { username } = this.setup.target;
    return [
      ...(this.setup.agentSocket
        ? [{ type: 'agent' as const, username, agent: this.setup.agentSocket }]
        : []),
      ...this.setup.privateKeys.map((key) => ({ type: 'publickey' as const, username, key })),
    ];
  }

  get busy(): number {
    return this.opening + this.channels.size - this.idle.size;
  }

  /** The process may exit while nothing is in flight; a request in flight holds it. */
  updateRef(): void {
    if (this.busy > 0) this.socket.ref();
    else this.socket.unref();
  }

  async open(): Promise<ClientChannel> {
    this.opening++;
    this.updateRef();
    try {
      await this.ready;
      const ch = await new Promise<ClientChannel>((resolve, reject) =>
        this.client.exec(REMOTE_COMMAND, (err, channel) => (err ? reject(err) : resolve(channel))),
      );
      this.track(ch);
      return ch;
    } finally {
      this.opening--;
      this.updateRef();
    }
  }

  private track(ch: ClientChannel): void {
    this.channels.add(ch);
    let stderr = '';
    let gotData = false;
    ch.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString('utf8');
    });
    ch.once('data', () => {
      gotData = true;
    });
    // dial-stdio that fails at once (no docker CLI there, no access to the socket) is an error.
    ch.on('exit', (code: number | null) => {
      // Nobody may read a socket the client gave up (a hijacked one): drain it, or it never closes.
      ch.resume();
      if (code && !gotData) {
        const msg = `\`${REMOTE_COMMAND}\` exited with ${code}: ${stderr.trim() || '(no output)'}`;
        ch.emit('error', sshError('SSH_REMOTE_COMMAND', msg, { stderr: stderr.trim() }));
        ch.close();
      }
    });
    // A socket the client ended (a hijacked session it is done with) is closed soon after.
    ch.on('finish', () => setTimeout(() => ch.close(), 1000).unref());
    ch.on('close', () => {
      this.channels.delete(ch);
      this.idle.delete(ch);
      this.updateRef();
    });
    // What http.Agent calls on a socket; a channel has no TCP options of its own.
    Object.assign(ch, {
      setKeepAlive: () => ch,
      setNoDelay: () => ch,
      setTimeout: () => ch,
      ref: () => ch,
      unref: () => ch,
    });
  }

  end(): void {
    this.client.end();
    this.socket.destroy();
  }
}
