/**
 * The one redaction of credentials in URLs, for everything slim-py prints or writes: text, JSON,
 * reports, logs, progress, Dockerfile comments, error messages. `https://user:pass@host/` becomes
 * `https://user:***@host/`; a user name alone over http(s) is a token (`https://TOKEN@host/`) and
 * becomes `https://***@host/`. An ssh user (`git+ssh://git@github.com/...`) is no secret and stays.
 */

export const MASK = '***';

// scheme://userinfo@host — the userinfo runs to the LAST '@' before the path, as URL parsers read
// it (a raw '@' or quote in a password happens); it never crosses whitespace or a '/'.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#<>]*)@(?=[^\s/@'"<>])/gi;

function mask(scheme: string, userinfo: string): string {
  const colon = userinfo.indexOf(':');
  if (colon >= 0) return `${scheme}${userinfo.slice(0, colon)}:${MASK}@`;
  if (userinfo === '' || /ssh/i.test(scheme)) return `${scheme}${userinfo}@`;
  return `${scheme}${MASK}@`;
}

/** Every URL in `text` with its password (or token) replaced by ***. */
export function redactText(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(USERINFO, (_m, scheme: string, userinfo: string) => mask(scheme, userinfo));
}

/** One URL, redacted (the same rule as redactText). */
export function redactUrl(url: string): string {
  return redactText(url);
}

/**
 * A JSON-like value with every string in it redacted (for objects written as JSON). What holds no
 * credential is returned as it was, not copied: a plan of 100,000 dependencies has millions of strings.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  // Loops, not forEach/Object.entries: they allocate nothing per array or object walked.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const r = redactDeep(v);
      if (r === v) continue;
      copy ??= [...value];
      copy[i] = r;
    }
    return (copy ?? value) as T;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const o = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const k in o) {
      if (!Object.hasOwn(o, k)) continue;
      const v = o[k];
      const r = redactDeep(v);
      if (r === v) continue;
      copy ??= { ...o };
      copy[k] = r;
    }
    return (copy ?? value) as T;
  }
  return value;
}

/** Credentials found in a URL: the user and password as written (percent-encoded). */
export interface UrlCredentials {
  /** The URL without them. */
  url: string;
  host: string;
  username: string;
  password: string;
}

/** Splits `https://user:pass@host/simple/` into the bare URL and its credentials (undefined: none). */
export function splitCredentials(url: string): UrlCredentials | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.username === '' && u.password === '') return undefined;
  const { username, password, hostname } = u;
  u.username = '';
  u.password = '';
  return { url: u.href, host: hostname, username, password };
}
