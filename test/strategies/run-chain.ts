import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Commands a RUN may call; each is replaced by a stub that logs its name. */
const STUBS = [
  'apt-get',
  'rm',
  'mkdir',
  'chmod',
  'chown',
  'cp',
  'sed',
  'find',
  'ldd',
  'awk',
  'grep',
  'sort',
  'ldconfig',
  'readelf',
  'readlink',
  'dirname',
  'xargs',
  'strip',
];

/**
 * Runs a RUN's shell text under bash -o pipefail (as the Dockerfile's SHELL does) with every
 * command a stub, the FIRST one called failing. Returns the commands that ran: a chain that fails
 * loudly stops after the first, whatever `;` or `|| true` might otherwise let through.
 */
export function commandsAfterFirstFailure(script: string): { status: number | null; ran: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'slimpy-chain-'));
  try {
    const log = path.join(dir, 'log');
    for (const name of STUBS) {
      const stub = path.join(dir, name);
      writeFileSync(
        stub,
        `#!/bin/sh\nif [ -e "$LOG" ]; then echo ${name} >> "$LOG"; exit 0; fi\necho ${name} > "$LOG"\nexit 1\n`,
      );
      chmodSync(stub, 0o755);
    }
    const r = spawnSync('/bin/bash', ['-o', 'pipefail', '-c', script], {
      env: { PATH: dir, LOG: log },
      encoding: 'utf8',
      cwd: dir,
    });
    let ran: string[] = [];
    try {
      ran = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    } catch {}
    return { status: r.status, ran };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
