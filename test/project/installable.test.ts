import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import { tempProject } from './temp-project.js';

const installOf = async (files: Record<string, string>) => {
  const p = await scanProject(await tempProject(files));
  return { installable: p.installable, ...p.installReason };
};

describe('installable: only a declared build backend or setup.py builds the project', () => {
  it('[build-system] with a backend', async () => {
    expect(
      await installOf({
        'pyproject.toml':
          '[project]\nname = "x"\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
      }),
    ).toEqual({
      installable: true,
      reason: '[build-system] names the build backend hatchling.build',
      source: { file: 'pyproject.toml', line: 5 },
    });
  });

  it('no [build-system]: an app whose code is copied as it is', async () => {
    expect(
      await installOf({
        'pyproject.toml': '[project]\nname = "x"\ndependencies = ["flask"]\n',
        'app.py': '',
      }),
    ).toMatchObject({
      installable: false,
      reason:
        'no [build-system] and no setup.py: nothing builds it into a package, so its code is copied as it is',
    });
  });

  it.each([
    ['[tool.uv] package', '[tool.uv]\npackage = false\n', 6],
    ['[tool.poetry] package-mode', '[tool.poetry]\npackage-mode = false\n', 6],
    ['[tool.pdm] distribution', '[tool.pdm]\ndistribution = false\n', 6],
  ])('%s = false wins over a declared backend', async (key, table, line) => {
    const r = await installOf({
      'pyproject.toml': `[project]\nname = "x"\n[build-system]\nrequires = ["x"]\n${table}`,
    });
    expect(r).toEqual({
      installable: false,
      reason: `${key} = false: the project is not built into a package`,
      source: { file: 'pyproject.toml', line },
    });
  });

  it('setup.py; setup.cfg next to a pyproject', async () => {
    expect(await installOf({ 'setup.py': 'from setuptools import setup\nsetup()\n' })).toMatchObject({
      installable: true,
      reason: 'setup.py builds it',
    });
    expect(
      await installOf({ 'pyproject.toml': '[project]\nname = "x"\n', 'setup.cfg': '[metadata]\nname = x\n' }),
    ).toMatchObject({
      installable: true,
    });
    // setup.cfg alone: pip finds neither setup.py nor pyproject.toml.
    expect(await installOf({ 'setup.cfg': '[metadata]\nname = x\n', 'app.py': '' })).toMatchObject({
      installable: false,
    });
  });
});
