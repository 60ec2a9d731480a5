import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import { tempProject, userErrorOf } from './temp-project.js';

const PYPROJECT = `[project]
name = "shop"
dependencies = ["flask"]

[project.optional-dependencies]
postgres = ["psycopg[binary]"]
server = ["gunicorn"]

[dependency-groups]
dev = ["pytest", "ruff"]
prod = ["sentry-sdk"]
docs = ["sphinx"]
`;

const installed = async (files: Record<string, string>, opts = {}) => {
  const p = await scanProject(await tempProject(files), opts);
  const groups = Object.fromEntries(
    p.groups.map((g) => [g.name, `${g.included ? 'in' : 'out'}: ${g.reason}`]),
  );
  const analysedDeps = p.dependencies.filter(
    (d) => d.group === undefined || p.groups.find((g) => g.name === d.group)?.included,
  );
  return { groups, names: analysedDeps.map((d) => d.name), warnings: p.warnings.map((w) => w.message) };
};

describe('production groups: named for production in, dev/test out, each with its reason', () => {
  it('by name, extras opt-in', async () => {
    const r = await installed({ 'pyproject.toml': PYPROJECT });
    expect(r.groups).toEqual({
      postgres: 'out: an optional extra: installed only when asked for',
      server: 'in: its name says it is for production',
      dev: 'out: development tooling: not in the production image',
      prod: 'in: its name says it is for production',
      docs: 'out: development tooling: not in the production image',
    });
    expect(r.names).toEqual(['flask', 'gunicorn', 'sentry-sdk']);
  });

  it('changed by --group and --no-group', async () => {
    const r = await installed(
      { 'pyproject.toml': PYPROJECT },
      { groups: ['postgres'], noGroups: ['server'] },
    );
    expect(r.groups.postgres).toBe('in: asked for with --group');
    expect(r.groups.server).toBe('out: left out with --no-group');
    expect(r.names).toEqual(['flask', 'psycopg', 'sentry-sdk']);
  });

  it('an unknown --group is an error that lists the groups', async () => {
    const err = await userErrorOf(
      scanProject(await tempProject({ 'pyproject.toml': PYPROJECT }), { groups: ['deployy'] }),
    );
    expect(err.message).toBe('--group/--no-group deployy: the project has no group or extra of that name');
    expect(err.hint).toBe('its groups and extras: postgres, server, dev, prod, docs');
  });

  it("uv's default-groups are installed (unless they are dev tooling)", async () => {
    const r = await installed({
      'pyproject.toml':
        '[project]\nname = "x"\ndependencies = ["flask"]\n[dependency-groups]\ndev = ["pytest"]\nobservability = ["opentelemetry-sdk"]\n[tool.uv]\ndefault-groups = ["dev", "observability"]\n',
      'uv.lock': 'version = 1\n',
    });
    expect(r.groups.observability).toBe("in: in uv's default-groups, which uv sync installs");
    expect(r.groups.dev).toMatch(/^out: development tooling/);
  });

  it('Poetry: groups by name, optional dependencies only through extras', async () => {
    const r = await installed({
      'pyproject.toml':
        '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "*"\nredis = { version = "*", optional = true }\n[tool.poetry.extras]\ncache = ["redis"]\n[tool.poetry.group.deploy.dependencies]\ngunicorn = "*"\n[tool.poetry.group.test.dependencies]\npytest = "*"\n',
    });
    expect(r.names).toEqual(['flask', 'gunicorn']);
    expect(r.groups).toMatchObject({
      cache: expect.stringMatching(/^out: an optional extra/),
      deploy: expect.stringMatching(/^in/),
      test: expect.stringMatching(/^out/),
    });
  });
});

describe('a requirements file that is the dev set', () => {
  it('is replaced by the production file next to it, and the plan says so', async () => {
    const p = await scanProject(
      await tempProject({
        'requirements.txt': '-r requirements/base.txt\npytest\nmypy\nruff\n',
        'requirements/base.txt': 'flask\ngunicorn\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      }),
    );
    expect(p.dependencies.map((d) => d.name)).toEqual(['flask', 'gunicorn']);
    expect(p.files[0]).toEqual({ path: 'requirements/base.txt', kind: 'requirements' });
    expect(p.warnings.map((w) => w.message)).toContain(
      'requirements.txt looks like the dev/test set (pytest, mypy, ruff: 3 of 3): installing requirements/base.txt instead (--requirements requirements.txt keeps it)',
    );
  });

  it('--requirements keeps the one the user names', async () => {
    const root = await tempProject({
      'requirements.txt': '-r requirements/base.txt\npytest\nmypy\n',
      'requirements/base.txt': 'flask\n',
    });
    const p = await scanProject(root, { requirements: 'requirements.txt' });
    expect(p.dependencies.map((d) => d.name)).toEqual(['flask', 'pytest', 'mypy']);
  });

  it('is said when there is nothing better; a stray dev tool is named', async () => {
    const dev = await installed({ 'requirements.txt': 'pytest\nblack\nflask\n' });
    expect(dev.warnings).toContain(
      'requirements.txt looks like the dev/test set (pytest, black: 2 of 3), and no production requirements file was found: it is installed as it is (pass --requirements FILE)',
    );
    const mixed = await installed({ 'requirements.txt': 'flask\ngunicorn\nrequests\npytest\n' });
    expect(mixed.warnings).toContain('requirements.txt installs development tools into the image: pytest');
  });

  it('a --requirements file that does not exist is an error', async () => {
    const err = await userErrorOf(
      scanProject(await tempProject({ 'requirements.txt': 'flask\n' }), { requirements: 'prod.txt' }),
    );
    expect(err.message).toBe('--requirements prod.txt: no such file in the project');
  });
});
