import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/errors.js';
import { choosePython, type PythonEvidence } from '../../src/project/python-choice.js';
import { tempProject, userErrorOf } from './temp-project.js';

const TODAY = new Date('2026-12-02T03:00:00Z');
const RP: Source = { file: 'pyproject.toml', line: 3 };

async function choose(files: Record<string, string>, more: Partial<PythonEvidence> = {}) {
  const root = await tempProject(files);
  const warnings: { message: string; source?: Source }[] = [];
  const python = await choosePython(
    { root, pythonVersionFile: '.python-version' in files, runtimeTxt: 'runtime.txt' in files, ...more },
    warnings,
    TODAY,
  );
  return { python, warnings };
}

describe('end-of-life Pythons', () => {
  it('requires-python >=3.9 builds on the newest allowed, says so, and warns of nothing', async () => {
    const { python, warnings } = await choose({}, { requiresPython: { value: '>=3.9', source: RP } });
    expect(python.version).toBe('3.14');
    expect(python.reason).toContain("the newest version that requires-python '>=3.9' allows");
    expect(warnings).toEqual([]);
  });

  it('a pinned end-of-life version is kept, named as such, with the newest requires-python allows', async () => {
    const { python, warnings } = await choose(
      { '.python-version': '3.9\n' },
      { requiresPython: { value: '>=3.9,<3.13', source: RP } },
    );
    expect(python.version).toBe('3.9');
    expect(warnings).toEqual([
      {
        message:
          'Python 3.9 (from .python-version) is end of life since October 2025: no security fixes, and its last official images are never updated; the newest requires-python allows is 3.12: pass --python 3.12 or write it in .python-version',
        source: { file: '.python-version', line: 1 },
      },
    ]);
  });

  it('--python 3.8 without a constraint proposes the newest slim-py has images for', async () => {
    const { python, warnings } = await choose({}, { flag: '3.8' });
    expect(python.version).toBe('3.8');
    expect(warnings.map((w) => w.message)).toEqual([
      'Python 3.8 (given with --python) is end of life since October 2024: no security fixes, and its last official images are never updated; the newest slim-py has images for is 3.14: pass --python 3.14',
    ]);
  });

  it('a constraint that allows only end-of-life lines says to widen it', async () => {
    const { python, warnings } = await choose({}, { requiresPython: { value: '<3.10', source: RP } });
    expect(python.version).toBe('3.9');
    expect(warnings).toEqual([
      {
        message: expect.stringMatching(
          /3\.9 .* end of life since October 2025.*requires-python allows nothing newer: widen it/,
        ),
        source: RP,
      },
    ]);
  });

  it('runtime.txt naming an end-of-life Python: a warning at its line and the rest of the project decides', async () => {
    const { python, warnings } = await choose(
      { 'runtime.txt': '\npython-3.7.17\n' },
      { requiresPython: { value: '>=3.7', source: RP } },
    );
    expect(python).toMatchObject({ version: '3.14', source: RP });
    expect(warnings).toEqual([
      {
        message: expect.stringMatching(
          /^runtime\.txt names Python 3\.7, which is end of life since June 2023: using 3\.14 instead \(the newest version that requires-python '>=3\.7' allows.*\); put a supported version in \.python-version/,
        ),
        source: { file: 'runtime.txt', line: 2 },
      },
    ]);
  });

  it('runtime.txt python-2.7 with nothing else declared falls back to the default', async () => {
    const { python, warnings } = await choose({ 'runtime.txt': 'python-2.7.18\n' });
    expect(python.version).toBe('3.13');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(
      'runtime.txt names Python 2.7, which is end of life since January 2020',
    );
  });

  it('runtime.txt naming a supported or a too-new Python: used, or refused at its line', async () => {
    expect((await choose({ 'runtime.txt': 'python-3.12.7\n' })).python).toMatchObject({
      version: '3.12',
      source: { file: 'runtime.txt', line: 1 },
    });
    const e = await userErrorOf(choose({ 'runtime.txt': 'python-3.15.0\n' }));
    expect(e.message).toContain('is not supported');
    expect(e.where).toEqual({ file: 'runtime.txt', line: 1 });
  });

  it('a .python-version naming an unsupported end-of-life line is an error that names it so', async () => {
    const e = await userErrorOf(choose({ '.python-version': '3.7\n' }));
    expect(e.message).toContain('is end of life since June 2023 and not supported');
    expect(e.hint).toContain('3.14');
  });
});
