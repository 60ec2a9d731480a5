/**
 * DOCKER_HOST=ssh://user@host:port the way `docker -H ssh://` does it: each HTTP connection is
 * `docker system dial-stdio` run on the far side, its stdin/stdout the engine's socket. Unlike
 * docker-modem's own ssh transport (a new ssh connection per request, never closed, host key never
 * checked), this one opens one ssh connection for many channels, keeps idle channels for the next
 * request, checks the host key against known_hosts, and lets the process exit once every channel
 * is idle (the TCP socket is unref'd then), so a finished race ends.
 */
import { Agent, type ClientRequest } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { CHANNELS_PER_CONNECTION, Connection, type SshSetup, type SshTarget } from './ssh-connection.js';

/** `ssh://user@host:port` → who and where; the local user and port 22 when left out, as ssh does. */
export function parseSshHost(url: string, localUser: string): SshTarget {
  const u = new URL(url);
  return {
    username: decodeURIComponent(u.username) || localUser,
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : 22,
  };
}

/** An http.Agent whose connections are ssh channels; pass it to dockerode as `agent`. */
export class SshAgent extends Agent {
  private readonly connections: Connection[] = [];

  constructor(private readonly setup: SshSetup) {
    super({ keepAlive: true });
  }

  override createConnection(_opts: unknown, done: (err: Error | null, socket?: Duplex) => void): Duplex {
    this.channel().then(
      (ch) => done(null, ch),
      (e: Error) => done(e),
    );
    return undefined as unknown as Duplex;
  }

  private async channel(): Promise<ClientChannel> {
    for (let attempt = 0; ; attempt++) {
      const conn = this.pick();
      try {
        return await conn.open();
      } catch (e) {
        // A server with fewer sessions per connection than we assumed: use another connection.
        if (
          /open failed|Channel open failure/i.test((e as Error).message) &&
          attempt < 3 &&
          conn.channels.size > 0
        ) {
          conn.full = true;
          continue;
        }
        throw e;
      }
    }
  }

  private pick(): Connection {
    for (let i = this.connections.length - 1; i >= 0; i--) {
      if (this.connections[i]?.closed) this.connections.splice(i, 1);
    }
    const free = this.connections.find(
      (c) => !c.full && c.opening + c.channels.size < CHANNELS_PER_CONNECTION,
    );
    if (free) return free;
    const conn = new Connection(this.setup);
    this.connections.push(conn);
    return conn;
  }

  private owner(socket: Duplex): Connection | undefined {
    return this.connections.find((c) => c.channels.has(socket as ClientChannel));
  }

  override keepSocketAlive(socket: Duplex): boolean {
    const conn = this.owner(socket);
    if (!conn) return false;
    super.keepSocketAlive(socket as never);
    conn.idle.add(socket as ClientChannel);
    conn.updateRef();
    return true;
  }

  override reuseSocket(socket: Duplex, req: ClientRequest): void {
    // The base class also drops the error listener it put on the idle socket.
    super.reuseSocket(socket as never, req);
    const conn = this.owner(socket);
    conn?.idle.delete(socket as ClientChannel);
    conn?.updateRef();
  }

  override destroy(): void {
    super.destroy();
    for (const c of this.connections.splice(0)) c.end();
  }
}
