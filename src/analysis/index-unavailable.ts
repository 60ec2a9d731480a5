import { UserError } from '../errors.js';

export type UnavailableKind = 'timeout' | 'network' | 'status' | 'malformed';

/**
 * The index could not answer (down, slow, 5xx, refused credentials, garbage). Analysis catches it
 * and falls back to the built-in table; the CLI may show it as a UserError.
 */
export class IndexUnavailable extends UserError {
  override readonly name = 'UserError';
  readonly kind: UnavailableKind;
  readonly url: string;
  readonly status?: number;
  /** What went wrong, without the URL: "ECONNREFUSED", "no answer within 5000 ms for numpy". */
  readonly detail: string;

  constructor(url: string, kind: UnavailableKind, detail: string, status?: number) {
    super(`package index unreachable: ${detail} (${url})`, hintFor(kind, status));
    this.url = url;
    this.kind = kind;
    this.status = status;
    this.detail = detail;
  }
}

function hintFor(kind: UnavailableKind, status?: number): string {
  if (status === 401 || status === 403)
    return 'the index wants credentials: put them in the URL (https://user:token@host/simple/) or use --offline';
  if (kind === 'timeout')
    return 'the index is slow or unreachable from here: check --index-url and the network, or use --offline';
  if (kind === 'malformed')
    return 'the URL does not look like a simple index (PEP 503/691): it usually ends in /simple/';
  return 'check --index-url and the network (proxy, VPN), or use --offline to judge from the built-in table';
}

export function isIndexUnavailable(e: unknown): e is IndexUnavailable {
  return e instanceof IndexUnavailable;
}
