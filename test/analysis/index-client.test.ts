import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndexClient } from '../../src/analysis/index-client.js';
import { IndexUnavailable } from '../../src/analysis/index-unavailable.js';
import { hang, html, negotiated, redirect, simplePage, startIndexServer, status } from './index-server.js';

type Server = Awaited<ReturnType<typeof startIndexServer>>;
let server: Server;

const PSYCOPG2_HTML = simplePage([
  'psycopg2-2.9.9.tar.gz',
  { name: 'psycopg2-2.9.8.tar.gz', requiresPython: '>=3.7' },
  { name: 'psycopg2-2.9.7.tar.gz', yanked: true },
]);

const NUMPY_JSON = {
  meta: { 'api-version': '1.1' },
  name: 'numpy',
  files: [
    {
      filename: 'numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      url: '../../packages/numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      hashes: { sha256: '00' },
      'requires-python': '>=3.9',
      yanked: false,
    },
    {
      filename: 'numpy-1.26.3.tar.gz',
      url: 'https://files.example/numpy-1.26.3.tar.gz',
      hashes: {},
      yanked: 'broken',
    },
  ],
};

beforeAll(async () => {
  server = await startIndexServer({
    '/simple/psycopg2/': html(PSYCOPG2_HTML),
    '/simple/numpy/': negotiated(NUMPY_JSON, simplePage(['numpy-1.26.4.tar.gz'])),
    '/simple/broken/': status(500),
    '/simple/locked/': status(401),
    '/simple/slow/': hang,
    '/simple/moved/': redirect('/elsewhere/moved/'),
    '/elsewhere/moved/': html(
      '<a href="../../files/moved-1.0-py3-none-any.whl">moved-1.0-py3-none-any.whl</a>',
    ),
    '/simple/entities/': html(
      '<a href="/f/e-1.0.tar.gz" data-requires-python="&gt;=3.8,&lt;4" data-yanked="reason">e-1.0.tar.gz</a>',
    ),
    ...Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [`/simple/${n}/`, html(simplePage([`${n}-1.0.tar.gz`]), 60)]),
    ),
  });
});
afterAll(async () => server?.close());

describe('index client over HTTP', () => {
  it('reads a PEP 503 HTML page: text as filename, relative hrefs resolved, metadata', async () => {
    const client = createIndexClient(`${server.base}/simple`);
    const files = await client.files('psycopg2');
    expect(files).toEqual([
      { filename: 'psycopg2-2.9.9.tar.gz', url: `${server.base}/files/psycopg2-2.9.9.tar.gz#sha256=00` },
      {
        filename: 'psycopg2-2.9.8.tar.gz',
        url: `${server.base}/files/psycopg2-2.9.8.tar.gz#sha256=00`,
        requiresPython: '>=3.7',
      },
      {
        filename: 'psycopg2-2.9.7.tar.gz',
        url: `${server.base}/files/psycopg2-2.9.7.tar.gz#sha256=00`,
        yanked: true,
      },
    ]);
  });

  it('asks for PEP 691 JSON first and reads it', async () => {
    const client = createIndexClient(`${server.base}/simple/`);
    const files = await client.files('NumPy');
    expect(files).toEqual([
      {
        filename: 'numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
        url: `${server.base}/packages/numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl`,
        requiresPython: '>=3.9',
      },
      { filename: 'numpy-1.26.3.tar.gz', url: 'https://files.example/numpy-1.26.3.tar.gz', yanked: true },
    ]);
    const asked = server.seen.find((s) => s.url === '/simple/numpy/');
    expect(asked?.accept).toContain('application/vnd.pypi.simple.v1+json');
  });

  it('unescapes attributes and resolves against the page after redirects', async () => {
    const client = createIndexClient(`${server.base}/simple/`);
    expect(await client.files('entities')).toEqual([
      {
        filename: 'e-1.0.tar.gz',
        url: `${server.base}/f/e-1.0.tar.gz`,
        requiresPython: '>=3.8,<4',
        yanked: true,
      },
    ]);
    expect(await client.files('moved')).toEqual([
      { filename: 'moved-1.0-py3-none-any.whl', url: `${server.base}/files/moved-1.0-py3-none-any.whl` },
    ]);
  });

  it('404 means "not on this index"', async () => {
    const client = createIndexClient(`${server.base}/simple/`);
    expect(await client.files('no-such-project')).toBeUndefined();
  });

  it('500 and 401 throw IndexUnavailable with the URL and a hint', async () => {
    const client = createIndexClient(`${server.base}/simple/`);
    const err = await client.files('broken').catch((e) => e);
    expect(err).toBeInstanceOf(IndexUnavailable);
    expect(err).toMatchObject({ kind: 'status', status: 500 });
    expect(err.message).toContain(server.base);
    expect(err.hint).toContain('--offline');
    const locked = await createIndexClient(`${server.base}/simple/`)
      .files('locked')
      .catch((e) => e);
    expect(locked).toMatchObject({ status: 401 });
    expect(locked.hint).toContain('credentials');
  });

  it('times out a hanging index, then fails fast for the rest of the run', async () => {
    const client = createIndexClient(`${server.base}/simple/`, { timeoutMs: 150 });
    const started = Date.now();
    const err = await client.files('slow').catch((e) => e);
    expect(err).toBeInstanceOf(IndexUnavailable);
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    const before = server.seen.length;
    await expect(client.files('psycopg2')).rejects.toBeInstanceOf(IndexUnavailable);
    expect(server.seen.length).toBe(before); // not asked again
  });

  it('reports a refused connection as a network error', async () => {
    const gone = await startIndexServer({});
    const url = `${gone.base}/simple/`;
    await gone.close();
    const err = await createIndexClient(url)
      .files('flask')
      .catch((e) => e);
    expect(err).toBeInstanceOf(IndexUnavailable);
    expect(err.kind).toBe('network');
    expect(err.detail).toBe('ECONNREFUSED');
  });

  it('caches per run, also while a request is in flight', async () => {
    const client = createIndexClient(`${server.base}/simple/`);
    const count = () => server.seen.filter((s) => s.url === '/simple/a/').length;
    const before = count();
    const [x, y] = await Promise.all([client.files('a'), client.files('A')]);
    await client.files('a');
    expect(x).toBe(y);
    expect(count() - before).toBe(1);
  });

  it('bounds concurrency', async () => {
    const client = createIndexClient(`${server.base}/simple/`, { concurrency: 2 });
    server.resetMax();
    const names = ['b', 'c', 'd', 'e', 'f'];
    const results = await Promise.all(names.map((n) => client.files(n)));
    expect(results.map((r) => r?.[0]?.filename)).toEqual(names.map((n) => `${n}-1.0.tar.gz`));
    expect(server.maxInFlight()).toBe(2); // parallel, but never more than 2
  });

  it('sends credentials from the URL as Basic auth', async () => {
    const host = server.base.replace('http://', '');
    const client = createIndexClient(`http://deploy:s3cret@${host}/simple/`);
    await client.files('psycopg2');
    const auth = server.seen.filter((s) => s.url === '/simple/psycopg2/').pop()?.authorization;
    expect(auth).toBe(`Basic ${Buffer.from('deploy:s3cret').toString('base64')}`);
  });
});
