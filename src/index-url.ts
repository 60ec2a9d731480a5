import { hasControl } from './one-line.js';

/**
 * Why `url` cannot be a package index (or extra index) URL, or undefined when it can: pip takes
 * http(s) and file URLs; anything else would only fail inside every build.
 */
export function indexUrlProblem(url: string): string | undefined {
  if (url.trim() === '') return 'is empty';
  if (hasControl(url) || /\s/.test(url)) return 'contains spaces or control characters';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (!['http:', 'https:', 'file:'].includes(u.protocol))
    return `is a ${u.protocol} URL, not http(s) or file`;
  if (u.protocol !== 'file:' && u.hostname === '') return 'has no host';
  return undefined;
}

export const INDEX_URL_HINT =
  'give the simple index root as an http(s) or file URL, e.g. https://pypi.org/simple/';
