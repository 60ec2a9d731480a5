import type { IndexFile } from './types.js';

/** Decodes the entities that appear in simple pages (`&lt;`, `&gt;=3.8`, `&#x27;`...). */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code =
        ent[1] === 'x' || ent[1] === 'X' ? Number.parseInt(ent.slice(2), 16) : Number(ent.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
    return named[ent.toLowerCase()] ?? whole;
  });
}

function attributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of raw.matchAll(re)) out.set(m[1]!.toLowerCase(), unescapeHtml(m[2] ?? m[3] ?? m[4] ?? ''));
  return out;
}

function resolve(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

function filenameFromUrl(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/** PEP 503: every anchor is a file; its text is the filename; `data-*` carry the metadata. */
export function parseSimpleHtml(html: string, pageUrl: string): IndexFile[] {
  const baseTag = /<base\s([^>]*)>/i.exec(html);
  const baseHref = baseTag ? attributes(baseTag[1]!).get('href') : undefined;
  const base = baseHref ? resolve(baseHref, pageUrl) : pageUrl;
  const files: IndexFile[] = [];
  for (const m of html.matchAll(/<a\s([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const attrs = attributes(m[1]!);
    const href = attrs.get('href');
    if (!href) continue;
    const url = resolve(href, base);
    const text = unescapeHtml(m[2]!.replace(/<[^>]*>/g, '')).trim();
    const file: IndexFile = { filename: text || filenameFromUrl(url), url };
    const rp = attrs.get('data-requires-python');
    if (rp) file.requiresPython = rp;
    if (attrs.has('data-yanked')) file.yanked = true;
    files.push(file);
  }
  return files;
}

interface JsonFile {
  filename?: unknown;
  url?: unknown;
  'requires-python'?: unknown;
  yanked?: unknown;
}

/** PEP 691 JSON: `{"files": [{"filename", "url", "requires-python", "yanked": bool|reason}]}`. */
export function parseSimpleJson(body: string, pageUrl: string): IndexFile[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return undefined;
  }
  const list = (doc as { files?: unknown })?.files;
  if (!Array.isArray(list)) return undefined;
  const files: IndexFile[] = [];
  for (const f of list as JsonFile[]) {
    if (typeof f?.url !== 'string') continue;
    const url = resolve(f.url, pageUrl);
    const file: IndexFile = {
      filename: typeof f.filename === 'string' ? f.filename : filenameFromUrl(url),
      url,
    };
    if (typeof f['requires-python'] === 'string' && f['requires-python'])
      file.requiresPython = f['requires-python'];
    if (f.yanked === true || (typeof f.yanked === 'string' && f.yanked !== '')) file.yanked = true;
    files.push(file);
  }
  return files;
}

/** Picks the parser from the content type, sniffing the body when the server says nothing useful. */
export function parseSimplePage(body: string, contentType: string, pageUrl: string): IndexFile[] | undefined {
  const looksJson = /json/i.test(contentType) || /^\s*\{/.test(body);
  if (looksJson) return parseSimpleJson(body, pageUrl);
  return parseSimpleHtml(body, pageUrl);
}
