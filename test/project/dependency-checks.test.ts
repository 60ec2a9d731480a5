import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import { tempProject } from './temp-project.js';

const REPO = path.resolve(import.meta.dirname, '../..');

const UV_PYPROJECT = `[project]
name = "api"
version = "0.1.0"
dependencies = [
    "flask>=3",
    "click",
]
`;
const UV_LOCK = `version = 1

[[package]]
name = "flask"
version = "2.0.0"

[[package]]
name = "click"
version = "8.1.7"
`;

describe('requirements that cannot hold together', () => {
  it('two pins of one package: a warning at the second line naming the first', async () => {
    const root = await tempProject({ 'requirements.txt': 'flask==2.0.0\nrequests\nFlask==3.0.0\n' });
    const p = await scanProject(root);
    const w = p.warnings.filter((x) => x.message.includes('cannot both hold'));
    expect(w).toHaveLength(1);
    expect(w[0]!.source).toEqual({ file: 'requirements.txt', line: 3 });
    expect(w[0]!.message).toContain('flask==2.0.0 (requirements.txt:1) and flask==3.0.0');
  });

  it('a pin and a range that excludes it conflict; under other markers, or a range that allows it, do not', async () => {
    const root = await tempProject({
      'requirements.txt': [
        'numpy==1.24.4 ; python_version < "3.9"',
        'numpy==1.26.4 ; python_version >= "3.9"',
        'flask==2.0.0',
        'flask>=2,<3',
        'click==8.1.7',
        'click>=8.2',
      ].join('\n'),
    });
    const p = await scanProject(root);
    const w = p.warnings.filter((x) => x.message.includes('cannot both hold'));
    expect(w.map((x) => x.source?.line)).toEqual([6]);
    expect(w[0]!.message).toContain('click==8.1.7 (requirements.txt:5) and click>=8.2');
  });

  it('a constraints pin the requirement excludes: pip fails, said at the requirement', async () => {
    const root = await tempProject({
      'requirements.txt': '-c constraints.txt\nflask>=3\n',
      'constraints.txt': 'flask==2.0.0\n',
    });
    const p = await scanProject(root);
    const w = p.warnings.find((x) => x.message.includes('constraints.txt:1 pins flask==2.0.0'));
    expect(w?.message).toContain('resolution error');
    expect(w?.source).toEqual({ file: 'requirements.txt', line: 2 });
  });
});

describe('a lock that disagrees with its manifest', () => {
  it('uv.lock pins flask 2.0.0 while pyproject asks >=3: the lock wins, said in the plan text and JSON', async () => {
    const root = await tempProject({ 'pyproject.toml': UV_PYPROJECT, 'uv.lock': UV_LOCK, 'app.py': '' });
    const p = await scanProject(root);
    const w = p.warnings.filter((x) => x.message.includes('the lock wins'));
    expect(w).toHaveLength(1); // click 8.1.7 satisfies the bare `click`
    expect(w[0]!.message).toContain('uv.lock:4 pins flask 2.0.0, but the manifest asks flask>=3');
    expect(w[0]!.source).toEqual({ file: 'pyproject.toml', line: 5 });

    const cli = (...a: string[]) =>
      spawnSync(
        path.join(REPO, 'node_modules/.bin/tsx'),
        [path.join(REPO, 'src/cli.tsx'), 'plan', root, '--offline', ...a],
        {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', PIP_INDEX_URL: '' },
        },
      );
    const json = cli('--json');
    expect(json.status, json.stderr).toBe(0);
    const warnings = (
      JSON.parse(json.stdout) as { project: { warnings: { message: string; source: string }[] } }
    ).project.warnings;
    expect(warnings).toContainEqual({ message: w[0]!.message, source: 'pyproject.toml:5' });
    const text = cli();
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('pyproject.toml:5: uv.lock:4 pins flask 2.0.0');
  });
});
