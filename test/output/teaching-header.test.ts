import { describe, expect, it } from 'vitest';
import { finalDockerfile } from '../../src/output/write-winner.js';
import { emptyResult, type Result } from '../../src/race/types.js';
import { rank } from '../../src/report/leaderboard.js';
import { planCandidates } from '../../src/strategies/index.js';
import type { StrategyId } from '../../src/strategies/types.js';
import { flaskProject, flaskVerdicts, inputFor } from '../strategies/projects.js';

const candidates = planCandidates(inputFor(flaskProject, flaskVerdicts));
const candidate = (id: StrategyId) => candidates.find((c) => c.id === id)!;
const passing = (id: StrategyId, mb: number): Result => ({
  ...emptyResult(id, `t-${id}`),
  sizeBytes: mb * 1e6,
  compressedBytes: mb * 4e5,
  importMs: 40,
  smoke: { ok: true, failures: [] },
});
const header = (id: StrategyId, results: Result[]) =>
  finalDockerfile({ candidate: candidate(id), board: rank(results), now: new Date('2026-12-02') })
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .join('\n');

describe('the written Dockerfile compares with full only where full was raced', () => {
  it('full raced and passed: "N× smaller than the single-stage full image"', () => {
    const text = header('closure', [passing('full', 1000), passing('closure', 40)]);
    expect(text).toContain(
      'Measured: 40.0 MB (16.0 MB compressed), 25.0× smaller than the single-stage full image,',
    );
  });

  it('full not raced, or the winner is full itself: no comparison with a number that does not exist', () => {
    expect(header('closure', [passing('slim', 130), passing('closure', 40)])).toContain(
      'Measured: 40.0 MB (16.0 MB compressed),\n',
    );
    const full = header('full', [passing('full', 1000)]);
    expect(full).toContain('Measured: 1000 MB (400 MB compressed),\n');
    expect(full).not.toContain('smaller than');
  });
});
