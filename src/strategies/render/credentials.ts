import { splitCredentials } from '../../redact.js';
import type { Options } from '../types.js';

/**
 * How an index password reaches pip inside the build without being written anywhere. The
 * Dockerfile names every index by its bare URL (an ARG default, so `docker build .` works where
 * no password is needed); the password comes separately:
 *
 * - 'secret' (BuildKit): a netrc file as a secret mount at /root/.netrc for the install RUN only.
 *   pip (and git over https) read it; it is in no layer, no build arg and no image history.
 *   `docker build --secret id=netrc,src=$HOME/.netrc` on the command line.
 * - 'build-arg' (the classic builder, which has no secret mounts): the full URL as a build arg
 *   overriding the default. The classic builder records build args in the history of the stage
 *   that installs, so the plan says so.
 */
export type CredentialCarrier = 'secret' | 'build-arg';

export const NETRC_SECRET = 'netrc';
export const NETRC_MOUNT = `type=secret,id=${NETRC_SECRET},target=/root/.netrc`;

/** The index URLs a build uses, as given (possibly with credentials). */
export function indexUrls(options: Options): string[] {
  return [
    ...(options.indexUrl ? [options.indexUrl] : []),
    ...options.extraIndexUrls,
    ...(options.namedIndexes ?? []).map((n) => n.url),
  ];
}

/** A URL without its user and password (unchanged when it has none). */
export function bareUrl(url: string): string {
  return splitCredentials(url)?.url ?? url;
}

// A netrc token every pip's Python reads back the same (3.9-3.10: shlex words; 3.11+: quotes and
// backslashes are syntax): printable ASCII, no space, quote, backslash or leading '#'.
const NETRC_TOKEN = /^[!$-[\]-~]+$/;

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** `machine HOST login USER password PASS` lines for every URL with credentials, or undefined. */
export function netrcFor(urls: readonly string[]): { content: string } | { unsafe: string } | undefined {
  const lines: string[] = [];
  for (const url of urls) {
    const c = splitCredentials(url);
    if (!c) continue;
    const login = decoded(c.username);
    const password = decoded(c.password) ?? '';
    const ok = (t: string) => NETRC_TOKEN.test(t) && !t.startsWith('#');
    // A token alone (https://TOKEN@host) needs an empty password, which Python 3.9-3.10's netrc refuses.
    if (login === undefined || !ok(login) || !ok(password)) return { unsafe: c.host };
    lines.push(`machine ${c.host} login ${login} password ${password}`);
  }
  return lines.length ? { content: `${lines.join('\n')}\n` } : undefined;
}

/** One sentence for the plan and the race: how the index password reaches pip, and what that costs. */
export function carrierSentence(options: Options): string | undefined {
  const carrier = credentialCarrier(options);
  if (!carrier) return undefined;
  if (carrier === 'secret')
    return 'the index password reaches pip as a BuildKit secret (a netrc mounted for the install RUN only): it is in no layer, build arg or image history';
  const why =
    options.builder === 'classic'
      ? 'the classic builder has no secret mounts'
      : 'a netrc file cannot hold this login: a token without a password, or a space, quote or backslash in it';
  return `the index password reaches pip as a build arg (${why}): it is kept in the history of the stage that installs`;
}

/** Whether any index URL carries a user or password. */
export function hasCredentials(options: Options): boolean {
  return indexUrls(options).some((u) => splitCredentials(u) !== undefined);
}

/** How the credentials travel for these options ('secret' unless the classic builder, or a token netrc cannot hold). */
export function credentialCarrier(options: Options): CredentialCarrier | undefined {
  if (!hasCredentials(options)) return undefined;
  if (options.builder === 'classic') return 'build-arg';
  const netrc = netrcFor(indexUrls(options));
  return netrc && 'content' in netrc ? 'secret' : 'build-arg';
}
