import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INDEX_URL } from '../docker/helpers/e2e.js';

/**
 * A private index for the tests: the local PEP 503 index behind HTTP basic auth, with a password
 * made for this run (so finding it anywhere is proof of a leak, not a coincidence). It counts the
 * requests that came with the right credentials: the builds really used them.
 */
export interface AuthIndex {
  user: string;
  password: string;
  /** http://user:password@127.0.0.1:PORT/simple/ */
  url: string;
  authorized: number;
  refused: number;
  close(): Promise<void>;
}

export async function startAuthIndex(): Promise<AuthIndex> {
  const user = 'slimpy';
  const password = `pw-${randomUUID()}`;
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const upstream = new URL(INDEX_URL);
  const state = { authorized: 0, refused: 0 };
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      state.refused++;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="slim-py test"' }).end();
      return;
    }
    state.authorized++;
    const up = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    user,
    password,
    url: `http://${user}:${password}@127.0.0.1:${port}/simple/`,
    get authorized() {
      return state.authorized;
    },
    get refused() {
      return state.refused;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
