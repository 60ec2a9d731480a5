import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import { tempProject } from './temp-project.js';

const BACKEND = '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n';
const rootOf = async (files: Record<string, string>) => {
  const p = await scanProject(await tempProject(files));
  return { ...p.importRoot, modules: p.appModules, warnings: p.warnings.map((w) => w.message) };
};

describe('the import root: where `import app` works', () => {
  it('flat layout: the project root', async () => {
    expect(await rootOf({ 'requirements.txt': '', 'app.py': '', 'core/__init__.py': '' })).toMatchObject({
      path: '.',
      reason: 'flat layout: the app imports from the project root',
      modules: ['app', 'core'],
    });
  });

  it('src/ layout: a package under src/', async () => {
    expect(
      await rootOf({ 'requirements.txt': '', 'src/shop/__init__.py': '', 'tests/test_x.py': '' }),
    ).toEqual({
      path: 'src',
      source: { file: 'src/shop' },
      reason: 'src/ layout: src/shop/, imported from src/',
      modules: ['shop'],
      warnings: [],
    });
  });

  it('src/ as a folder of scripts (the write-up layout)', async () => {
    expect(await rootOf({ 'requirements.txt': 'flask\n', 'src/server.py': '' })).toMatchObject({
      path: 'src',
      reason: "src/ holds the app's modules (src/server.py), imported from src/",
      modules: ['server'],
    });
  });

  it('the root wins when it has modules of its own next to src/', async () => {
    expect(await rootOf({ 'requirements.txt': '', 'main.py': '', 'src/lib.py': '' })).toMatchObject({
      path: '.',
    });
  });

  it.each([
    [
      'setuptools package-dir',
      `[project]\nname = "x"\n[tool.setuptools]\npackage-dir = {"" = "lib"}\n${BACKEND}`,
      "[tool.setuptools] package-dir '' names lib/",
      4,
    ],
    [
      'setuptools packages.find',
      `[project]\nname = "x"\n[tool.setuptools.packages.find]\nwhere = ["lib"]\n${BACKEND}`,
      '[tool.setuptools.packages.find] where names lib/',
      4,
    ],
    [
      'Poetry packages',
      '[tool.poetry]\nname = "x"\npackages = [{ include = "x", from = "lib" }]\n[tool.poetry.dependencies]\npython = "^3.11"\n',
      '[tool.poetry] packages names lib/',
      3,
    ],
    [
      'Hatch wheel packages',
      '[project]\nname = "x"\n[tool.hatch.build.targets.wheel]\npackages = ["lib/x"]\n',
      '[tool.hatch.build.targets.wheel] packages names lib/',
      4,
    ],
    [
      'PDM package-dir',
      '[project]\nname = "x"\n[tool.pdm.build]\npackage-dir = "lib"\n',
      '[tool.pdm.build] package-dir names lib/',
      4,
    ],
  ])('declared by the build backend: %s', async (_, pyproject, reason, line) => {
    const r = await rootOf({ 'pyproject.toml': pyproject, 'lib/x/__init__.py': '' });
    expect(r).toMatchObject({
      path: 'lib',
      reason,
      source: { file: 'pyproject.toml', line },
      modules: ['x'],
    });
  });

  it('setup.cfg and setup.py package_dir', async () => {
    const cfg = await rootOf({
      'pyproject.toml': `[project]\nname = "x"\n${BACKEND}`,
      'setup.cfg': '[options]\npackage_dir =\n    =lib\npackages = find:\n',
      'lib/x/__init__.py': '',
    });
    expect(cfg).toMatchObject({ path: 'lib', source: { file: 'setup.cfg', line: 2 } });
    const py = await rootOf({
      'setup.py': 'from setuptools import setup\nsetup(package_dir={"": "code"})\n',
      'code/y.py': '',
    });
    expect(py).toMatchObject({ path: 'code', source: { file: 'setup.py', line: 2 }, modules: ['y'] });
  });

  it('a declared folder that does not exist is said, and the code is looked for instead', async () => {
    const r = await rootOf({
      'pyproject.toml': '[project]\nname = "x"\n[tool.pdm.build]\npackage-dir = "nope"\n',
      'src/x/__init__.py': '',
    });
    expect(r.path).toBe('src');
    expect(r.warnings).toEqual([
      "[tool.pdm.build] package-dir names 'nope', which is not a folder in the project; looking for the code instead",
    ]);
  });

  it('a Django project one folder down: the folder of manage.py, and its entry runs there', async () => {
    const p = await scanProject(
      await tempProject({
        'requirements.txt': 'django\ngunicorn\n',
        'backend/manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n",
        'backend/site1/__init__.py': '',
        'backend/site1/wsgi.py': 'application = get_wsgi_application()\n',
      }),
    );
    expect(p.importRoot).toMatchObject({
      path: 'backend',
      reason: 'Django project: backend/manage.py runs from backend/',
    });
    expect(p.entry).toMatchObject({ argv: ['gunicorn', 'site1.wsgi'], cwd: 'backend' });
  });
});
