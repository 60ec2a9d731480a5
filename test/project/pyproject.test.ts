import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parsePyproject } from '../../src/project/pyproject.js';
import { FIXTURES } from './temp-project.js';

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('parsePyproject: PEP 621', () => {
  it('reads the pep621-pyver fixture with line numbers', async () => {
    const text = await readFile(path.join(FIXTURES, 'pep621-pyver/pyproject.toml'), 'utf8');
    const p = parsePyproject(text);
    expect(p.name).toEqual({ value: 'pep621_pyver', source: { file: 'pyproject.toml', line: 6 } });
    expect(p.requiresPython).toEqual({ value: '>=3.10', source: { file: 'pyproject.toml', line: 10 } });
    expect(p.buildSystem).toBe(true);
    expect(p.pep621?.map((d) => [d.name, d.extras, d.specifier, d.marker, d.source.line])).toEqual([
      ['rich', [], '>=13.7,<14', '', 13],
      ['httpx', ['http2'], '~=0.27.0', '', 14],
      ['tomli', [], '>=2.0.1', 'python_version < "3.11"', 15],
    ]);
    expect(p.pep621Groups.map((d) => `${d.group}:${d.name}:${d.source.line}`)).toEqual([
      'dev:pytest:20',
      'dev:ruff:21',
    ]);
    expect(p.scripts).toEqual([
      { name: 'pyver-table', target: 'pep621_pyver.cli:main', source: { file: 'pyproject.toml', line: 25 } },
    ]);
  });

  it('reads PEP 735 dependency-groups and skips include-group entries', () => {
    const p = parsePyproject(
      '[project]\nname = "x"\ndependencies = []\n\n[dependency-groups]\ntest = ["pytest>=8", {include-group = "lint"}]\nlint = ["ruff"]\n',
    );
    expect(p.pep621).toEqual([]);
    expect(p.pep621Groups.map((d) => `${d.group}:${d.name}:${d.source.line}`)).toEqual([
      'test:pytest:6',
      'lint:ruff:7',
    ]);
  });

  it('reads PDM dev groups (with PROJECT_ROOT file URLs) and sources', () => {
    const p = parsePyproject(`[project]
name = "pdm-app"
dependencies = ["httpx>=0.27"]

[tool.pdm.dev-dependencies]
test = [
    "pytest>=8",
    "-e file:///\${PROJECT_ROOT}/libs/testkit#egg=testkit",
]

[[tool.pdm.source]]
name = "private"
url = "https://pkgs.example.com/simple"
`);
    expect(
      p.pdm?.groups.map((d) => [d.group, d.name, d.localPath ?? '', d.editable ?? false, d.source.line]),
    ).toEqual([
      ['test', 'pytest', '', false, 7],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: PDM's literal placeholder
      ['test', 'testkit', '/${PROJECT_ROOT}/libs/testkit', true, 8],
    ]);
    expect(p.index.extraIndexUrls).toEqual([
      { value: 'https://pkgs.example.com/simple', source: { file: 'pyproject.toml', line: 13 } },
    ]);
  });

  it('reads [tool.uv] sources, indexes and legacy dev-dependencies', () => {
    const p = parsePyproject(`[project]
name = "u"
dependencies = ["mylib", "tool @ git+https://example.com/tool.git"]

[tool.uv]
dev-dependencies = ["pytest"]

[tool.uv.sources]
mylib = { path = "packages/mylib", editable = true }

[[tool.uv.index]]
name = "corp"
url = "https://corp.example.com/simple"
default = true
`);
    expect(p.pep621?.[0]).toMatchObject({ name: 'mylib', localPath: 'packages/mylib', editable: true });
    expect(p.pep621?.[1]?.vcsUrl).toBe('git+https://example.com/tool.git');
    expect(p.uv?.groups.map((d) => `${d.group}:${d.name}`)).toEqual(['dev:pytest']);
    expect(p.index.indexUrl).toEqual({
      value: 'https://corp.example.com/simple',
      source: { file: 'pyproject.toml', line: 13 },
    });
  });

  it('notes setuptools dynamic dependency files', () => {
    const p = parsePyproject(`[project]
name = "dyn"
dynamic = ["dependencies"]

[tool.setuptools.dynamic]
dependencies = {file = ["requirements.in"]}
`);
    expect(p.dynamicDependencyFiles).toEqual([
      { files: ['requirements.in'], source: { file: 'pyproject.toml', line: 6 } },
    ]);
  });

  it('reports bad TOML at the parser line', () => {
    const e = userError(() =>
      parsePyproject('[project]\nname = "x"\ndependencies = [\n  "flask",\n  oops\n]\n'),
    );
    expect(e.message).toContain('not valid TOML');
    expect(e.where).toEqual({ file: 'pyproject.toml', line: 5 });
  });

  it('reports wrong types and bad requirement strings at their line', () => {
    let e = userError(() => parsePyproject('[project]\nname = "x"\ndependencies = "flask"\n'));
    expect(e.message).toContain('project.dependencies should be an array of strings');
    expect(e.where?.line).toBe(3);
    e = userError(() =>
      parsePyproject('[project]\nname = "x"\ndependencies = [\n  "flask",\n  "django>=",\n]\n'),
    );
    expect(e.message).toContain("cannot read requirement 'django>='");
    expect(e.where).toEqual({ file: 'pyproject.toml', line: 5 });
    e = userError(() => parsePyproject('project = 3\n'));
    expect(e.message).toContain('project should be a table');
  });
});
