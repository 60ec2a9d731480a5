import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { poetryToPep440, pythonConstraintToMarker } from '../../src/project/poetry-spec.js';
import { parsePyproject } from '../../src/project/pyproject.js';
import { FIXTURES } from './temp-project.js';

describe('poetryToPep440', () => {
  it.each([
    ['^1.2.3', '>=1.2.3,<2.0.0'],
    ['^0.2.3', '>=0.2.3,<0.3.0'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['^1.2', '>=1.2,<2.0'],
    ['^1', '>=1,<2'],
    ['^0', '>=0,<1'],
    ['^0.0', '>=0.0,<0.1'],
    ['~1.2.3', '>=1.2.3,<1.3.0'],
    ['~1.2', '>=1.2,<1.3'],
    ['~1', '>=1,<2'],
    ['~=1.2', '~=1.2'],
    ['*', ''],
    ['', ''],
    ['1.2.3', '==1.2.3'],
    ['1.2.*', '==1.2.*'],
    ['>=1.2,<2', '>=1.2,<2'],
    ['>= 1.2 < 2.0', '>=1.2,<2.0'],
    ['^1.2,!=1.2.5', '>=1.2,<2.0,!=1.2.5'],
    ['^2.0.0b1', '>=2.0.0b1,<3.0.0'],
  ])('%s → %s', (a, b) => expect(poetryToPep440(a)).toBe(b));

  it('cannot express alternatives or garbage', () => {
    expect(poetryToPep440('^1 || ^2')).toBeUndefined();
    expect(poetryToPep440('latest')).toBeUndefined();
  });

  it('turns a python constraint into a marker', () => {
    expect(pythonConstraintToMarker('^3.8')).toBe('python_version >= "3.8" and python_version < "4.0"');
    expect(pythonConstraintToMarker('<3.11')).toBe('python_version < "3.11"');
  });
});

describe('parsePyproject: Poetry', () => {
  it('reads the poetry-app fixture', async () => {
    const p = parsePyproject(await readFile(path.join(FIXTURES, 'poetry-app/pyproject.toml'), 'utf8'));
    expect(p.poetry?.python).toEqual({ value: '^3.11', source: { file: 'pyproject.toml', line: 9 } });
    expect(p.name?.value).toBe('poetry-app');
    expect(
      p.poetry?.dependencies.map((d) => [d.name, d.specifier, d.extras, d.marker, d.group, d.source.line]),
    ).toEqual([
      ['fastapi', '>=0.110.0,<0.111.0', [], '', undefined, 10],
      ['uvicorn', '>=0.29,<0.30', ['standard'], '', undefined, 11],
      ['sqlalchemy', '>=2.0,<2.1', [], '', undefined, 12],
      ['psycopg', '>=3.1.18,<4.0.0', ['binary'], '', 'postgres', 13],
      ['requests', '', [], '', undefined, 14],
      ['tomli', '>=2.0.1,<3.0.0', [], 'python_version < "3.11"', undefined, 15],
    ]);
    expect(p.poetry?.groups.map((d) => `${d.group}:${d.name}${d.specifier}:${d.source.line}`)).toEqual([
      'dev:pytest>=8.1,<9.0:21',
      'dev:mypy==1.9.0:22',
    ]);
    expect(p.scripts).toEqual([
      { name: 'orders', target: 'poetry_app.main:run', source: { file: 'pyproject.toml', line: 25 } },
    ]);
    expect(p.index.extraIndexUrls).toEqual([
      { value: 'https://pypi.internal.example.com/simple/', source: { file: 'pyproject.toml', line: 29 } },
    ]);
    expect(p.buildSystem).toBe(true);
  });

  it('reads path, git, url, platform and multiple-constraint dependencies', () => {
    const p = parsePyproject(`[tool.poetry]
name = "x"

[tool.poetry.dependencies]
python = ">=3.9,<3.13"
mylib = { path = "../mylib", develop = true }
tool = { git = "https://github.com/example/tool.git", tag = "v2.0" }
wheel-dep = { url = "https://example.com/wheel_dep-1.0-py3-none-any.whl" }
pywin32 = { version = "306", platform = "win32" }
numpy = [
    { version = "^1.24", python = "<3.12" },
    { version = "^1.26", python = ">=3.12" },
]
either = "^1.0 || ^2.0"

[tool.poetry.dev-dependencies]
black = "^24.3"
`);
    const deps = p.poetry?.dependencies ?? [];
    expect(deps.find((d) => d.name === 'mylib')).toMatchObject({ localPath: '../mylib', editable: true });
    expect(deps.find((d) => d.name === 'tool')?.vcsUrl).toBe('git+https://github.com/example/tool.git@v2.0');
    expect(deps.find((d) => d.name === 'wheel-dep')?.url).toBe(
      'https://example.com/wheel_dep-1.0-py3-none-any.whl',
    );
    expect(deps.find((d) => d.name === 'pywin32')).toMatchObject({
      specifier: '==306',
      marker: 'sys_platform == "win32"',
    });
    expect(deps.filter((d) => d.name === 'numpy').map((d) => [d.specifier, d.marker])).toEqual([
      ['>=1.24,<2.0', 'python_version < "3.12"'],
      ['>=1.26,<2.0', 'python_version >= "3.12"'],
    ]);
    expect(deps.find((d) => d.name === 'either')?.specifier).toBe('');
    expect(p.warnings.map((w) => w.message)).toContain(
      "either: '^1.0 || ^2.0' has alternatives (||); treated as unpinned",
    );
    expect(p.poetry?.groups.map((d) => `${d.group}:${d.name}`)).toEqual(['dev:black']);
  });

  it('rejects an unreadable constraint at its line', () => {
    try {
      parsePyproject('[tool.poetry.dependencies]\npython = "^3.10"\nflask = "latest"\n');
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).where).toEqual({ file: 'pyproject.toml', line: 3 });
      expect((e as UserError).message).toContain("'latest'");
    }
  });
});
