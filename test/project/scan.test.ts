import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { scanProject } from '../../src/project/scan.js';
import { userErrorOf as err, tempProject } from './temp-project.js';

describe('scanProject: choices and errors', () => {
  it('a folder with nothing Python in it → UserError listing what it looks for', async () => {
    const root = await tempProject({ 'README.md': '# hi\n', 'index.js': '' });
    const e = await err(scanProject(root));
    expect(e.message).toContain('does not look like a Python project');
    expect(e.hint).toContain('requirements.txt');
    expect(e.hint).toContain('pyproject.toml');
  });

  it('a missing directory → UserError', async () => {
    await expect(scanProject('/nonexistent/slim-py-x')).rejects.toBeInstanceOf(UserError);
  });

  it('requirements.txt next to a pyproject without dependencies → pip, no warning', async () => {
    const root = await tempProject({
      'pyproject.toml': '[tool.black]\nline-length = 100\n',
      'requirements.txt': 'flask\n',
    });
    const p = await scanProject(root);
    expect(p.manager).toBe('pip');
    expect(p.warnings).toEqual([]);
  });

  it('requirements.txt and PEP 621 dependencies → pip, with a warning', async () => {
    const root = await tempProject({
      'pyproject.toml': '[project]\nname = "x"\ndependencies = ["flask"]\n',
      'requirements.txt': 'flask==3.0.3\nwerkzeug==3.0.3\n',
    });
    const p = await scanProject(root);
    expect(p.manager).toBe('pip');
    expect(p.dependencies.map((d) => d.name)).toEqual(['flask', 'werkzeug']);
    expect(p.warnings[0]?.message).toContain("pyproject.toml's 1 [project] dependencies are not read");
  });

  it('uv.lock beats an exported requirements.txt, which is named as unused', async () => {
    const root = await tempProject({
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.12"\ndependencies = ["httpx"]\n',
      'uv.lock': 'version = 1\n\n[[package]]\nname = "httpx"\nversion = "0.27.0"\n',
      'requirements.txt': 'httpx==0.27.0\n',
    });
    const p = await scanProject(root);
    expect(p.manager).toBe('uv');
    expect(p.dependencies[0]?.locked).toEqual({ version: '0.27.0', source: { file: 'uv.lock', line: 4 } });
    expect(p.warnings.map((w) => w.message)).toEqual([
      'requirements.txt is not used: uv.lock pins what uv installs',
    ]);
  });

  it('Poetry 2: [project] dependencies with [tool.poetry] and poetry.lock', async () => {
    const root = await tempProject({
      'pyproject.toml':
        '[project]\nname = "p2"\nrequires-python = ">=3.10"\ndependencies = ["requests (>=2.31,<3)"]\n\n[tool.poetry]\npackage-mode = false\n',
      'poetry.lock': '[[package]]\nname = "requests"\nversion = "2.32.3"\n',
    });
    const p = await scanProject(root);
    expect(p.manager).toBe('poetry');
    expect(p.dependencies.map((d) => [d.name, d.specifier, d.locked?.version])).toEqual([
      ['requests', '>=2.31,<3', '2.32.3'],
    ]);
    expect(p.python.version).toBe('3.14');
  });

  it('PDM: PEP 621 main deps, local editable dev dep resolved against the root', async () => {
    const root = await tempProject({
      'pyproject.toml':
        // biome-ignore lint/suspicious/noTemplateCurlyInString: PDM's literal placeholder
        '[project]\nname = "p"\ndependencies = ["httpx"]\n[tool.pdm.dev-dependencies]\ntest = ["-e file:///${PROJECT_ROOT}/libs/kit#egg=kit"]\n',
      'pdm.lock': '[[package]]\nname = "httpx"\nversion = "0.27.0"\n',
    });
    const p = await scanProject(root);
    expect(p.manager).toBe('pdm');
    expect(p.dependencies.find((d) => d.name === 'kit')).toMatchObject({
      localPath: 'libs/kit',
      group: 'test',
    });
    // Dev groups are not runtime: nothing to copy.
    expect(p.localPaths).toEqual([]);
  });

  it('setuptools dynamic dependencies are read from the named file', async () => {
    const root = await tempProject({
      'pyproject.toml':
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "d"\ndynamic = ["dependencies"]\n[tool.setuptools.dynamic]\ndependencies = {file = ["deps.txt"]}\n',
      'deps.txt': 'click>=8\n',
    });
    const p = await scanProject(root);
    expect(p.manager).toBe('pep621');
    expect(p.dependencies.map((d) => `${d.name}@${d.source.file}:${d.source.line}`)).toEqual([
      'click@deps.txt:1',
    ]);
    expect(p.installable).toBe(true);
  });

  it('Python precedence: --python > .python-version > runtime.txt > Pipfile > requires-python', async () => {
    const root = await tempProject({
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.9"\ndependencies = []\n',
      'runtime.txt': 'python-3.10.14\n',
      '.python-version': '3.11\n',
    });
    expect((await scanProject(root)).python.source.file).toBe('.python-version');
    const flagged = await scanProject(root, { python: '3.12' });
    expect(flagged.python).toEqual({
      version: '3.12',
      source: { file: '--python' },
      reason: 'given with --python',
    });
    const e = await err(scanProject(root, { python: 'pypy' }));
    expect(e.where).toEqual({ file: '--python' });
  });

  it('warns when the chosen version is outside requires-python', async () => {
    const root = await tempProject({
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.11"\ndependencies = []\n',
      '.python-version': '3.9\n',
    });
    const p = await scanProject(root);
    expect(p.python.version).toBe('3.9');
    expect(p.warnings).toEqual([
      {
        message: expect.stringContaining(
          'Python 3.9 (from .python-version) is end of life since October 2025',
        ),
        source: { file: '.python-version', line: 1 },
      },
      {
        message: "Python 3.9 (from .python-version) is outside requires-python '>=3.11'",
        source: { file: 'pyproject.toml', line: 3 },
      },
    ]);
  });

  it('bad input anywhere surfaces as a UserError with file:line', async () => {
    const cases: [Record<string, string | Uint8Array>, string, number | undefined][] = [
      [{ 'pyproject.toml': '[project\nname="x"\n' }, 'pyproject.toml', 1],
      [{ 'requirements.txt': 'flask\n-r missing.txt\n' }, 'requirements.txt', 2],
      [{ 'requirements.txt': 'flask\n', '.python-version': 'pypy3.10\n' }, '.python-version', 1],
      [{ Pipfile: '[packages]\nrequests = 3\n' }, 'Pipfile', 2],
      [{ 'requirements.txt': Buffer.from([0x66, 0x00, 0x6c]) }, 'requirements.txt', 1],
    ];
    for (const [files, file, line] of cases) {
      const e = await err(scanProject(await tempProject(files)));
      expect(e.where?.file).toBe(file);
      expect(e.where?.line).toBe(line);
    }
  });

  it('a setup.py-only project installs itself', async () => {
    const root = await tempProject({
      'setup.py': 'from setuptools import setup\nsetup(name="legacy")\n',
      'legacy/__init__.py': '',
    });
    const p = await scanProject(root);
    expect(p).toMatchObject({ manager: 'pip', installable: true, dependencies: [], appModules: ['legacy'] });
    expect(p.warnings[0]?.message).toContain('setup.py are not read');
  });

  it('requirements/prod.txt is used when there is no requirements.txt', async () => {
    const root = await tempProject({
      'requirements/prod.txt': '-r base.txt\ngunicorn\n',
      'requirements/base.txt': 'django\n',
    });
    const p = await scanProject(root);
    expect(p.dependencies.map((d) => d.name)).toEqual(['django', 'gunicorn']);
    expect(p.files[0]).toEqual({ path: 'requirements/prod.txt', kind: 'requirements' });
  });
});
