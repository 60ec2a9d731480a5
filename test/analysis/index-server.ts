import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 (random port) answering from a route table; records requests. */
export async function startIndexServer(routes: Record<string, Route>) {
  const seen: { url: string; accept?: string; authorization?: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', accept: req.headers.accept, authorization: req.headers.authorization });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Counted until the answer is written: the client cannot see the end before that.
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    let done = false;
    res.end = ((...a: unknown[]) => {
      if (!done) inFlight--;
      done = true;
      return end(...a);
    }) as typeof res.end;
    res.on('close', () => {
      if (!done) inFlight--;
      done = true;
    });
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen,
    maxInFlight: () => maxInFlight,
    resetMax: () => {
      maxInFlight = inFlight;
    },
    close: async () => {
      for (const s of sockets) s.destroy(); // hanging routes keep sockets open
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

export const html =
  (body: string, delayMs = 0): Route =>
  (_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    }, delayMs);
  };

/** PEP 691 when asked for it, PEP 503 otherwise: as PyPI and devpi do. */
export const negotiated =
  (json: unknown, htmlBody: string): Route =>
  (req, res) => {
    if ((req.headers.accept ?? '').includes('application/vnd.pypi.simple.v1+json')) {
      res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
      res.end(JSON.stringify(json));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(htmlBody);
    }
  };

export const status =
  (code: number): Route =>
  (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain' });
    res.end(`status ${code}`);
  };

export const hang: Route = () => {
  /* never answers */
};

export const redirect =
  (to: string): Route =>
  (_req, res) => {
    res.writeHead(301, { location: to });
    res.end();
  };

/** A PEP 503 page listing filenames, with hrefs relative to the page like a static mirror. */
export function simplePage(
  files: (string | { name: string; requiresPython?: string; yanked?: boolean })[],
): string {
  const anchors = files.map((f) => {
    const e = typeof f === 'string' ? { name: f } : f;
    const rp = e.requiresPython
      ? ` data-requires-python="${e.requiresPython.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`
      : '';
    const y = e.yanked ? ' data-yanked=""' : '';
    return `<a href="../../files/${e.name}#sha256=00"${rp}${y}>${e.name}</a>`;
  });
  return `<!DOCTYPE html><html><body>\n${anchors.join('<br/>\n')}\n</body></html>`;
}
