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

describe('the text plan on groups', () => {
  it('names the flag that turns a group decided by its name the other way; none for a flag’s choice', async () => {
    const dir = await tempProject({
      'pyproject.toml':
        '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask"]\n[project.optional-dependencies]\npostgres = ["psycopg"]\n[dependency-groups]\ndev = ["pytest"]\nprod = ["gunicorn"]\n',
      'app.py': 'print("hello")\n',
    });
    const text = (opts: { groups: string[] }) =>
      planProject({ dir, images: [], offline: true, project: { ...opts, noGroups: [] } }).then((p) =>
        [...planTextPieces(p)].join(''),
      );
    const plain = await text({ groups: [] });
    expect(plain).toMatch(
      /group +dev \(group\) +left out: development tooling: not in the production image \(--group dev to install it\)\n/,
    );
    expect(plain).toMatch(
      /group +prod \(group\) +installed: its name says it is for production \(--no-group prod to leave it out\)\n/,
    );
    const asked = await text({ groups: ['postgres'] });
    expect(asked).toMatch(/group +postgres \(extra\) +installed: asked for with --group\n/);
  });
});
