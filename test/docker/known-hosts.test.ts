import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  fingerprint,
  type KnownHostsFile,
  keyType,
  knownHostsName,
  knownKeyTypes,
} from '../../src/docker/known-hosts.js';

/** Keys made by ssh-keygen; known_hosts.hashed is `ssh-keygen -H` of two plain lines. */
const dir = join(import.meta.dirname, '../fixtures/ssh');
const file = (name: string): KnownHostsFile => ({
  path: `~/.ssh/${name}`,
  text: readFileSync(join(dir, name), 'utf8'),
});
const blob = (pub: string) =>
  Buffer.from(readFileSync(join(dir, pub), 'utf8').split(' ')[1] as string, 'base64');
const host = blob('host_ed25519.pub');
const other = blob('other_ed25519.pub');
const rsa = blob('host_rsa.pub');
const plain = [file('known_hosts')];

describe('known_hosts, read as ssh reads it', () => {
  it('names a host as ssh records it: bare on port 22, [host]:port elsewhere', () => {
    expect(knownHostsName('buildbox.example', 22)).toBe('buildbox.example');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('knows the recorded key, on the recorded port only', () => {
    expect(checkHostKey(plain, '[127.0.0.1]:2222', host)).toEqual({
      status: 'known',
      path: '~/.ssh/known_hosts',
      line: 2,
    });
    expect(checkHostKey(plain, '127.0.0.1', host)).toEqual({ status: 'unknown' });
    expect(checkHostKey(plain, '10.1.2.3', rsa).status).toBe('known');
  });

  it('reads hashed names (ssh-keygen -H)', () => {
    const hashed = [file('known_hosts.hashed')];
    expect(checkHostKey(hashed, '[127.0.0.1]:2222', host).status).toBe('known');
    expect(checkHostKey(hashed, 'buildbox.example', rsa).status).toBe('known');
    expect(checkHostKey(hashed, 'buildbox.example', host)).toEqual({ status: 'unknown' });
  });

  it('a different key of a recorded type is a changed key, not an unknown host', () => {
    expect(checkHostKey(plain, 'changed.example', host)).toEqual({
      status: 'changed',
      path: '~/.ssh/known_hosts',
      line: 5,
    });
    expect(checkHostKey(plain, '[127.0.0.1]:2222', other).status).toBe('changed');
  });

  it('wildcards and negations', () => {
    expect(checkHostKey(plain, 'node7.farm.example', host).status).toBe('known');
    expect(checkHostKey(plain, 'evil.farm.example', host)).toEqual({ status: 'unknown' });
  });

  it('a @revoked key is refused even where it is also recorded; @cert-authority lines are no keys', () => {
    expect(checkHostKey(plain, 'revoked.example', host).status).toBe('revoked');
    expect(checkHostKey(plain, 'ca.example', other)).toEqual({ status: 'unknown' });
  });

  it('lists the key types recorded for a host, for the handshake to ask for', () => {
    expect(knownKeyTypes(plain, 'buildbox.example')).toEqual(['ssh-rsa']);
    expect(knownKeyTypes(plain, '[127.0.0.1]:2222')).toEqual(['ssh-ed25519']);
    expect(knownKeyTypes(plain, 'nowhere.example')).toEqual([]);
  });

  it('shows a key as ssh-keygen -l does', () => {
    expect(keyType(host)).toBe('ssh-ed25519');
    expect(fingerprint(host)).toBe('SHA256:zyPZcG8AlnslCdISq6B+FeZY7gNrPcZUEg91m1YuxFk');
    expect(fingerprint(rsa)).toBe('SHA256:vSKeihZTEZYFii4ht8pGRInL20ufZuH3OulvTpdDFZI');
  });
});
