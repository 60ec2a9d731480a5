import { describe, expect, it } from 'vitest';
import { planTextPieces } from '../../src/report/plan-text.js';
import { planProject } from '../../src/session/plan.js';
import { tempProject } from '../project/temp-project.js';

describe('planTextPieces: the text plan in pieces of whole lines', () => {
  it('writes a plan of 3,000 requirement lines in several pieces, each cut before a line break and redacted', {
    timeout: 30_000,
  }, async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `pkg-${i}>=1.${i % 7},<3 ; python_version >= "3.8"`);
    const dir = await tempProject({
      'requirements.txt': `${['--index-url https://deploy:s3cret-tok@pypi.example/simple/', ...lines].join('\n')}\n`,
      'app.py': 'print("hello")\n',
    });
    const pieces = [...planTextPieces(await planProject({ dir, images: [], offline: true }))];
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(1)) expect(p.startsWith('\n')).toBe(true);
    const text = pieces.join('');
    expect(text.startsWith('slim-py plan for ')).toBe(true);
    expect(text.endsWith('\nNext: slim-py race --yes   (builds and measures every candidate)\n')).toBe(true);
    expect(text).toContain('\n  pkg-2999 ');
    expect(text).toContain('Dependencies (3000)');
    // Redacted by planTextPieces itself, not only by stdout's net.
    expect(text).not.toContain('s3cret-tok');
    expect(text).toContain('  index     https://deploy:***@pypi.example/simple/');
  });
});
