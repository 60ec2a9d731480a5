import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FormatOption, formatControl } from '../../src/project/format-control.js';
import { readRequirements } from '../../src/project/requirements.js';
import { planProject } from '../../src/session/plan.js';
import { tempProject, userErrorOf } from '../project/temp-project.js';
import { html, simplePage, startIndexServer } from './index-server.js';

const opt = (flag: FormatOption['flag'], value: string, line = 1): FormatOption => ({
  flag,
  value,
  source: { file: 'requirements.txt', line },
});

describe('--no-binary / --only-binary, read as pip reads them', () => {
  it('a name beats :all:, :all: resets both lists, :none: empties one, a name moves lists', () => {
    const f = formatControl([opt('no-binary', ':all:', 1), opt('only-binary', 'NumPy', 2)]);
    expect(f('numpy')).toEqual({
      binary: true,
      source: false,
      option: '--only-binary NumPy (requirements.txt:2)',
    });
    expect(f('flask')).toMatchObject({ binary: false, source: true });
    expect(formatControl([opt('no-binary', 'numpy'), opt('only-binary', ':all:')])('numpy')).toMatchObject({
      binary: true,
      source: false,
    });
    expect(formatControl([opt('no-binary', 'numpy,scipy'), opt('no-binary', ':none:')])('numpy')).toBe(
      undefined,
    );
    expect(formatControl([opt('only-binary', 'numpy'), opt('no-binary', 'numpy')])('numpy')).toMatchObject({
      binary: false,
      source: true,
    });
    expect(formatControl([opt('no-binary', ':all:,:none:,lxml')])('numpy')).toBe(undefined);
    expect(formatControl([opt('no-binary', ':all:,:none:,lxml')])('lxml')).toMatchObject({ binary: false });
    expect(formatControl([])('numpy')).toBe(undefined);
  });

  it('reads them from requirements files in order, and refuses a value that is not one', async () => {
    const root = await tempProject({
      'requirements.txt': '--no-binary :all:\n-r more.txt\nflask\n',
      'more.txt': '--only-binary=numpy,scipy\nnumpy\n',
    });
    const r = await readRequirements(root, 'requirements.txt');
    expect(r.index.formats).toEqual([
      opt('no-binary', ':all:', 1),
      { flag: 'only-binary', value: 'numpy,scipy', source: { file: 'more.txt', line: 1 } },
    ]);
    const bad = await tempProject({ 'requirements.txt': 'flask\n--no-binary --pre\n' });
    const e = await userErrorOf(readRequirements(bad, 'requirements.txt'));
    expect(e.message).toContain('--no-binary "--pre" needs a value');
    expect(e.where).toEqual({ file: 'requirements.txt', line: 2 });
    const name = await tempProject({ 'requirements.txt': "--only-binary 'num py'\n" });
    expect((await userErrorOf(readRequirements(name, 'requirements.txt'))).message).toContain(
      'names no package: "num py"',
    );
  });
});

/** The offline plan of a project with these requirements, on Python 3.12. */
async function offlinePlan(requirements: string) {
  const dir = await tempProject({ 'requirements.txt': requirements, 'app.py': '' });
  return planProject({ dir, images: [], offline: true, python: '3.12' });
}

describe('the verdicts follow them', () => {
  it('offline: numpy under --no-binary numpy compiles, so slim installs and purges a toolchain', async () => {
    const plan = await offlinePlan('flask\n--no-binary numpy\nnumpy==1.26.4\n');
    const numpy = plan.verdicts.find((v) => v.name === 'numpy')!;
    expect(numpy).toMatchObject({
      glibc: 'compile',
      musl: 'compile',
      formats: '--no-binary numpy (requirements.txt:2)',
    });
    expect(numpy.reason).toContain('--no-binary numpy (requirements.txt:2): pip builds it from the sdist');
    expect(numpy.buildPackages.apt.length).toBeGreaterThan(0);
    // flask is not named: a wheel as before, and nothing about the option in its reason.
    const flask = plan.verdicts.find((v) => v.name === 'flask')!;
    expect(flask).toMatchObject({ glibc: 'pure' });
    expect(flask.formats).toBe(undefined);
    const slim = plan.candidates.find((c) => c.id === 'slim')!;
    expect(slim.reason).toContain('numpy');
    expect(slim.dockerfile).toContain('build-essential');
  });

  it('offline: --only-binary :all: makes what the table says compiles uninstallable; pure stays pure', async () => {
    const plan = await offlinePlan('--only-binary :all:\npsycopg2==2.9.9\nflask\n');
    const pg = plan.verdicts.find((v) => v.name === 'psycopg2')!;
    expect(pg).toMatchObject({ glibc: 'none', musl: 'none' });
    expect(pg.reason).toContain('--only-binary :all: (requirements.txt:1): pip takes wheels only');
    expect(plan.verdicts.find((v) => v.name === 'flask')).toMatchObject({ glibc: 'pure' });
  });

  describe('with a real index', () => {
    let server: Awaited<ReturnType<typeof startIndexServer>>;
    beforeAll(async () => {
      server = await startIndexServer({
        '/simple/numpy/': html(
          simplePage([
            'numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            'numpy-1.26.4.tar.gz',
          ]),
        ),
        '/simple/sdist-only/': html(simplePage(['sdist_only-1.0.tar.gz'])),
        '/simple/wheel-then-sdist/': html(
          simplePage(['wheel_then_sdist-2.0.tar.gz', 'wheel_then_sdist-1.0-py3-none-any.whl']),
        ),
      });
    });
    afterAll(async () => server?.close());

    const planFor = async (requirements: string) => {
      const dir = await tempProject({ 'requirements.txt': requirements, 'app.py': '' });
      const plan = await planProject({
        dir,
        images: [],
        offline: false,
        python: '3.12',
        indexUrl: `${server.base}/simple/`,
      });
      return (name: string) => plan.verdicts.find((v) => v.name === name)!;
    };

    it('numpy under --no-binary numpy builds from the sdist although a wheel fits', async () => {
      const v = await planFor('--no-binary numpy\nnumpy\n');
      expect(v('numpy')).toMatchObject({
        glibc: 'compile',
        musl: 'compile',
        source: 'index',
        version: '1.26.4',
      });
      expect(v('numpy').reason).toContain('1.26.4: builds from the sdist (wheels not allowed)');
    });

    it('an sdist-only package under --only-binary :all: cannot be installed; an older wheel is taken', async () => {
      const v = await planFor('--only-binary :all:\nsdist-only\nwheel-then-sdist\nnumpy\n');
      expect(v('sdist-only')).toMatchObject({ glibc: 'none', musl: 'none', source: 'index' });
      expect(v('sdist-only').reason).toContain('sdists not allowed');
      expect(v('sdist-only').reason).toContain('--only-binary :all: (requirements.txt:1)');
      // pip walks back to the newest version it may take: 1.0's pure wheel, not 2.0's sdist.
      expect(v('wheel-then-sdist')).toMatchObject({ glibc: 'pure', version: '1.0' });
      expect(v('numpy')).toMatchObject({ glibc: 'wheel', musl: 'none' });
    });

    it('without the options the same index gives the usual verdicts', async () => {
      const v = await planFor('sdist-only\nwheel-then-sdist\nnumpy\n');
      expect(v('sdist-only')).toMatchObject({ glibc: 'compile' });
      expect(v('wheel-then-sdist')).toMatchObject({ glibc: 'compile', version: '2.0' });
      expect(v('numpy')).toMatchObject({ glibc: 'wheel', musl: 'compile' });
    });
  });
});

describe("uv's no-binary / no-build settings", () => {
  const pyproject = (uv: string) =>
    `[project]\nname = "app"\nversion = "1"\ndependencies = ["numpy==1.26.4", "psycopg2==2.9.9", "flask"]\n\n[tool.uv]\n${uv}`;
  const uvPlan = async (uv: string) =>
    planProject({
      dir: await tempProject({ 'pyproject.toml': pyproject(uv), 'app.py': '' }),
      images: [],
      offline: true,
      python: '3.12',
    });

  it('are verdicts as pip would give them, named by their setting, and reach every pip of the install', async () => {
    const plan = await uvPlan('no-binary-package = [\n  "numpy",\n]\nno-build-package = ["psycopg2"]\n');
    const numpy = plan.verdicts.find((v) => v.name === 'numpy')!;
    expect(numpy).toMatchObject({
      glibc: 'compile',
      formats: '[tool.uv] no-binary-package = numpy (pyproject.toml:8)',
    });
    expect(plan.verdicts.find((v) => v.name === 'psycopg2')).toMatchObject({ glibc: 'none' });
    expect(plan.verdicts.find((v) => v.name === 'flask')).toMatchObject({ glibc: 'pure' });
    // pip never reads [tool.uv]: the install passes the same decisions on its command line.
    const venv = plan.candidates.find((c) => c.id === 'multistage-venv')!;
    const install = venv.dockerfile.split(/\n(?=\S)/).find((i) => i.includes('numpy==1.26.4'))!;
    expect(install).toContain('--no-binary=numpy');
    expect(install).toContain('--only-binary=psycopg2');
    // A requirements file's own options are read by pip itself: never repeated on the command line.
    const req = await offlinePlan('--no-binary numpy\nnumpy==1.26.4\n');
    expect(req.candidates.find((c) => c.id === 'multistage-venv')!.dockerfile).not.toContain('--no-binary=');
  });

  it('no-build = true is --only-binary :all:; a wrong type or name is refused at its line', async () => {
    const plan = await uvPlan('no-build = true\n');
    expect(plan.verdicts.find((v) => v.name === 'psycopg2')).toMatchObject({ glibc: 'none', musl: 'none' });
    expect(plan.verdicts.find((v) => v.name === 'flask')).toMatchObject({ glibc: 'pure' });
    const typed = await userErrorOf(uvPlan('no-binary = "yes"\n'));
    expect(typed.message).toContain('tool.uv.no-binary should be true or false');
    expect(typed.where).toEqual({ file: 'pyproject.toml', line: 7 });
    const named = await userErrorOf(uvPlan('no-binary-package = ["num py"]\n'));
    expect(named.message).toContain('tool.uv.no-binary-package should be an array of package names');
  });
});
