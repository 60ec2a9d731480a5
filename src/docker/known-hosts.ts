import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * OpenSSH's known_hosts, as `ssh` reads it to decide whether a host key is the one recorded:
 * `[@marker] hosts keytype base64-key [comment]`, hosts being comma-separated names or patterns
 * (`*`, `?`, `!negation`), `[host]:port` off port 22, or hashed (`|1|salt|hmac-sha1`).
 * @cert-authority lines are skipped (no certificates here); @revoked keys are refused.
 */
export interface KnownHostsFile {
  path: string;
  text: string;
}

export type HostKeyVerdict =
  | { status: 'known' | 'changed' | 'revoked'; path: string; line: number }
  | { status: 'unknown' };

interface Entry {
  path: string;
  line: number;
  marker: string;
  hosts: string;
  type: string;
  key: Buffer;
}

/** The name ssh records a host under: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function entries(files: KnownHostsFile[]): Entry[] {
  const out: Entry[] = [];
  for (const f of files) {
    f.text.split(/\r?\n/).forEach((raw, i) => {
      const words = raw.trim().split(/\s+/);
      if (!words[0] || words[0].startsWith('#')) return;
      const marker = words[0].startsWith('@') ? (words.shift() as string) : '';
      const [hosts, type, b64] = words;
      if (!hosts || !type || !b64) return;
      out.push({ path: f.path, line: i + 1, marker, hosts, type, key: Buffer.from(b64, 'base64') });
    });
  }
  return out;
}

function glob(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function matchesOne(pattern: string, name: string): boolean {
  const hashed = /^\|1\|([^|]+)\|(.+)$/.exec(pattern);
  if (hashed?.[1] && hashed[2]) {
    const mac = createHmac('sha1', Buffer.from(hashed[1], 'base64')).update(name).digest('base64');
    return mac === hashed[2];
  }
  return glob(pattern, name);
}

/** A hosts field matches when one of its patterns does and none of its negations. */
function matches(hosts: string, name: string): boolean {
  const patterns = hosts.split(',');
  if (patterns.some((p) => p.startsWith('!') && matchesOne(p.slice(1), name))) return false;
  return patterns.some((p) => !p.startsWith('!') && matchesOne(p, name));
}

/** The key types recorded for a host, so the handshake can ask for one of those first. */
export function knownKeyTypes(files: KnownHostsFile[], name: string): string[] {
  const types = entries(files)
    .filter((e) => e.marker === '' && matches(e.hosts, name))
    .map((e) => e.type);
  return [...new Set(types)];
}

/** Whether `key` (the raw public key blob the server sent) is the one recorded for `name`. */
export function checkHostKey(files: KnownHostsFile[], name: string, key: Buffer): HostKeyVerdict {
  const mine = entries(files).filter((e) => e.marker !== '@cert-authority' && matches(e.hosts, name));
  const revoked = mine.find((e) => e.marker === '@revoked' && e.key.equals(key));
  if (revoked) return { status: 'revoked', path: revoked.path, line: revoked.line };
  const recorded = mine.filter((e) => e.marker === '');
  const same = recorded.find((e) => e.key.equals(key));
  if (same) return { status: 'known', path: same.path, line: same.line };
  const type = keyType(key);
  const other = recorded.find((e) => e.type === type);
  return other ? { status: 'changed', path: other.path, line: other.line } : { status: 'unknown' };
}

/** The algorithm name a public key blob starts with (an SSH string: uint32 length + bytes). */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:…` as `ssh-keygen -l` and ssh's prompts show a key. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The user's known hosts, served as the `known_hosts` secret the Dockerfile mounts (none: ssh refuses unknown hosts). */
export function userKnownHosts(home = homedir()): string | undefined {
  const file = path.join(home, '.ssh', 'known_hosts');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
