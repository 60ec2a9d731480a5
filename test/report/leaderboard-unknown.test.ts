import { describe, expect, it } from 'vitest';
import { emptyResult } from '../../src/race/types.js';
import { measured, rank } from '../../src/report/leaderboard.js';
import { leaderboardText } from '../../src/report/leaderboard-text.js';
import { markdownReport } from '../../src/report/markdown.js';

const failedBuild = {
  ...emptyResult('slim', 't'),
  failedAt: 'build' as const,
  error: 'exit 1',
  buildSeconds: 3,
};
const failedSmoke = {
  ...emptyResult('distroless', 't'),
  sizeBytes: 60e6,
  user: '65532',
  hasShell: false,
  failedAt: 'smoke' as const,
  error: 'flask fails: No module named flask',
  smoke: { ok: false, failures: [{ module: 'flask', error: 'No module named flask' }] },
};

describe('what a failed candidate never measured is unknown', () => {
  it('a failed build: no user, shell or smoke; a failed smoke test: all of them', () => {
    expect(measured(failedBuild)).toEqual({ image: false, files: false, smoke: false });
    expect(measured(failedSmoke)).toEqual({ image: true, files: true, smoke: true });
    const rows = rank([failedBuild, failedSmoke]).rows;
    const build = rows.find((r) => r.id === 'slim');
    const smoke = rows.find((r) => r.id === 'distroless');
    expect(build).toMatchObject({ id: 'slim', smoked: false });
    expect(build!.nonRoot).toBeUndefined();
    expect(build!.hasShell).toBeUndefined();
    expect(smoke).toMatchObject({ id: 'distroless', nonRoot: true, hasShell: false, smoked: true });
  });

  it('the text and markdown reports say unknown, not root and no shell', () => {
    const board = rank([failedBuild, failedSmoke]);
    const text = leaderboardText(board).split('\n');
    expect(text.find((l) => l.includes(' slim '))).toMatch(/FAIL\s+unknown\s+unknown$/);
    expect(text.find((l) => l.includes(' distroless '))).toMatch(/FAIL\s+user\s+no$/);
    const md = markdownReport('p', board, []);
    expect(md.split('\n').find((l) => l.includes('| slim |'))).toMatch(/\| unknown \| unknown \|$/);
  });
});
