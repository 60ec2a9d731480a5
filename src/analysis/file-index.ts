import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IndexUnavailable } from './index-unavailable.js';
import { parseSimplePage } from './simple-page.js';
import type { IndexFile } from './types.js';

/**
 * A `file://` index, as pip reads it: `<dir>/<name>/index.html` (a PEP 503 page). The one place in
 * analysis that touches the filesystem. A missing page means "not on this index".
 */
export async function readFileIndexPage(indexUrl: string, name: string): Promise<IndexFile[] | undefined> {
  const dir = fileURLToPath(indexUrl);
  const page = join(dir, name, 'index.html');
  let body: string;
  try {
    body = await readFile(page, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new IndexUnavailable(indexUrl, 'network', `cannot read ${page}: ${code ?? String(e)}`);
  }
  const files = parseSimplePage(body, 'text/html', pathToFileURL(page).href);
  if (!files) throw new IndexUnavailable(indexUrl, 'malformed', `${page} is not a simple index page`);
  return files;
}
