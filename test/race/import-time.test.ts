import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_TIME_SCRIPT } from '../../src/race/import-time.js';

/** The timing script, run by a real interpreter on a module that costs some CPU to import. */
describe('the cold-start timing script', () => {
  it('reports the least CPU time of its runs and the median wall time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slim-py-import-time-'));
    writeFileSync(join(dir, 'busy.py'), 'sum(i * i for i in range(200_000))\n');
    const r = spawnSync('python3', ['-c', IMPORT_TIME_SCRIPT, 'busy', '5'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { ms: number; cpuMs: number; runs: number[]; cpu: number[] };
    expect(out.cpu).toHaveLength(5);
    expect(out.cpuMs).toBe(Math.min(...out.cpu));
    expect(out.cpuMs).toBeGreaterThan(0);
    expect(out.ms).toBe([...out.runs].sort((a, b) => a - b)[2]);
  });

  it('fails with the import error when a module does not import', () => {
    const r = spawnSync('python3', ['-c', IMPORT_TIME_SCRIPT, 'no_such_module_here', '2'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error).toContain('No module named');
  });
});
