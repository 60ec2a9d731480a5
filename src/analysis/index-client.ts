import { normalizeName } from '../project/normalize.js';
import { readFileIndexPage } from './file-index.js';
import { IndexUnavailable } from './index-unavailable.js';
import { createLimiter } from './limiter.js';
import { parseSimplePage } from './simple-page.js';
import type { IndexClient, IndexFile } from './types.js';

export interface IndexClientOptions {
  /** Per request, including reading the body. Default 5000 ms. */
  timeoutMs?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Defaults to Node's global fetch. */
  fetch?: typeof fetch;
}

/** PEP 691 JSON first; PEP 503 HTML is what most private indexes and plain folders serve. */
const ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1';

/** `https://user:secret@host/` → `https://user:***@host/`, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^/:@]+):[^/@]*@/i, '$1:***@');
}

/**
 * A client for any simple index (PyPI, devpi, Artifactory, Nexus, a folder behind
 * `python3 -m http.server`, or `file://`). One instance = one run: answers are cached (also while
 * in flight), requests are bounded, and once the index proved unreachable later calls fail fast.
 */
export function createIndexClient(indexUrl: string, opts: IndexClientOptions = {}): IndexClient {
  const base = indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`;
  const limit = createLimiter(opts.concurrency ?? 8);
  const cache = new Map<string, Promise<IndexFile[] | undefined>>();
  let broken: IndexUnavailable | undefined;

  const load = base.startsWith('file:')
    ? (name: string) => readFileIndexPage(base, name)
    : httpLoader(base, opts.timeoutMs ?? 5000, opts.fetch ?? globalThis.fetch);

  const files = (name: string): Promise<IndexFile[] | undefined> => {
    const key = normalizeName(name);
    let pending = cache.get(key);
    if (!pending) {
      pending = limit(async () => {
        if (broken) throw broken;
        try {
          return await load(key);
        } catch (e) {
          // Down, slow or refusing us: no point asking again for every other dependency.
          if (e instanceof IndexUnavailable && (e.kind !== 'status' || e.status === 401 || e.status === 403))
            broken ??= e;
          throw e;
        }
      });
      cache.set(key, pending);
    }
    return pending;
  };
  return { url: indexUrl, files };
}

function httpLoader(base: string, timeoutMs: number, fetchImpl: typeof fetch) {
  // fetch refuses URLs with credentials: move them into a Basic auth header.
  const parsed = new URL(base);
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  const shown = redactUrl(base);

  return async (name: string): Promise<IndexFile[] | undefined> => {
    const pageUrl = new URL(`${encodeURIComponent(name)}/`, parsed).href;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    try {
      const res = await fetchImpl(pageUrl, { headers, signal: ctrl.signal, redirect: 'follow' });
      if (res.status === 404 || res.status === 410) {
        await res.body?.cancel();
        return undefined;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new IndexUnavailable(shown, 'status', `HTTP ${res.status} for ${name}`, res.status);
      }
      const body = await res.text();
      const files = parseSimplePage(body, res.headers.get('content-type') ?? '', res.url || pageUrl);
      if (!files)
        throw new IndexUnavailable(
          shown,
          'malformed',
          `the page for ${name} is neither PEP 691 JSON nor HTML`,
        );
      return files;
    } catch (e) {
      if (e instanceof IndexUnavailable) throw e;
      if (ctrl.signal.aborted)
        throw new IndexUnavailable(shown, 'timeout', `no answer within ${timeoutMs} ms for ${name}`);
      throw new IndexUnavailable(shown, 'network', describeNetworkError(e));
    } finally {
      clearTimeout(timer);
    }
  };
}

/** undici says "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND, cert errors) is in `cause`. */
function describeNetworkError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}
