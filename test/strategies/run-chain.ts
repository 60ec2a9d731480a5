import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Commands a RUN may call; each becomes a shell function that counts and logs its calls. */
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
  'venvpython',
];
/** Filters read their input (a writer in a pipeline must not die of SIGPIPE). */
const FILTERS = new Set(['awk', 'grep', 'sort', 'sed', 'xargs']);
/** What some stubs print, so that the loops over their output go round more than once. */
const OUTPUT: Record<string, string> = {
  awk: '/lib/x/libfoo.so.1',
  sort: '/lib/x/liba.so.1\\n/lib/x/libb.so.1',
};
/**
 * Pure string functions, only ever used inside `$(...)` as a word of another command: their
 * failure shows in what the next command gets, which a stub cannot model. Never made to fail.
 */
const NEVER_FAIL = new Set(['dirname', 'readlink']);

/**
 * Shell functions standing for the commands (builtins only, so a run costs one bash). Each call
 * takes the next number of ITS name (one name never runs twice at once in these RUNs), logs
 * `name#n` and fails when it is $FAIL. `dpkg` answers the `dpkg -s` condition with $DPKG.
 */
function prelude(dir: string): string {
  const fns = STUBS.map((name) => {
    const drain = FILTERS.has(name) ? '[ -t 0 ] || while read -r _; do :; done; ' : '';
    const fail = NEVER_FAIL.has(name) ? '' : `[ "${name}#$n" = "$FAIL" ] && return 1; `;
    const out = OUTPUT[name] ? `printf '${OUTPUT[name]}\\n'; ` : '';
    return (
      `${name}() { ${drain}local n=0; [ -e "${dir}/count.${name}" ] && read -r n < "${dir}/count.${name}"; ` +
      `n=$((n + 1)); echo "$n" > "${dir}/count.${name}"; echo "${name}#$n" >> "${dir}/log"; ${fail}${out}return 0; }`
    );
  });
  return [...fns, 'dpkg() { return "$DPKG"; }', ''].join('\n');
}

export interface ChainRun {
  status: number | null;
  /** `name#n` in call order (pipelines interleave). */
  calls: string[];
  stderr: string;
}

/**
 * Runs a RUN's shell text under bash -o pipefail (as the Dockerfile's SHELL does) with every
 * command a stub, the venv's python too, and /tmp and /closure moved into a scratch folder; PATH
 * is empty, so a command without a stub fails. `fail` ('cp#2') makes that call fail.
 */
export function runWithStubs(script: string, fail = '', dpkgOk = true): ChainRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'slimpy-chain-'));
  try {
    mkdirSync(path.join(dir, 'tmp'));
    mkdirSync(path.join(dir, 'closure', 'etc'), { recursive: true });
    mkdirSync(path.join(dir, 'empty'));
    const text = script
      .replaceAll('/opt/venv/bin/python', 'venvpython')
      .replace(/\/tmp\/|\/closure(?![-\w])/g, (m) => (m === '/tmp/' ? `${dir}/tmp/` : `${dir}/closure`));
    const r = spawnSync('/bin/bash', ['--norc', '--noprofile', '-o', 'pipefail', '-c', prelude(dir) + text], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: path.join(dir, 'empty'), FAIL: fail, DPKG: dpkgOk ? '0' : '1' },
      encoding: 'utf8',
      cwd: dir,
    });
    let calls: string[] = [];
    try {
      calls = readFileSync(path.join(dir, 'log'), 'utf8').split('\n').filter(Boolean);
    } catch {}
    return { status: r.status, calls, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The RUN fails loudly: it succeeds when every command does, and whichever single command
 * fails — the first, one inside a loop, one in a pipeline — the RUN fails too. Returns the calls
 * of the successful run and the ones whose failure went unnoticed (should be none).
 */
export function unnoticedFailures(script: string, dpkgOk = true): { calls: string[]; unnoticed: string[] } {
  const ok = runWithStubs(script, '', dpkgOk);
  if (ok.status !== 0)
    throw new Error(`the RUN fails with every command succeeding (status ${ok.status}): ${ok.stderr}`);
  const unnoticed = ok.calls.filter(
    (call) => !NEVER_FAIL.has(call.split('#')[0] ?? '') && runWithStubs(script, call, dpkgOk).status === 0,
  );
  return { calls: ok.calls, unnoticed };
}
