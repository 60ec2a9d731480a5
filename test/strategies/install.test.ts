import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/project/types.js';
import { planCandidates } from '../../src/strategies/index.js';
import type { Candidate, StrategyId } from '../../src/strategies/types.js';
import { parseDockerfile } from './dockerfile-lint.js';
import {
  flaskProject,
  flaskVerdicts,
  inputFor,
  pgProject,
  pgVerdicts,
  poetryProject,
  poetryVerdicts,
} from './projects.js';

const byId = (cs: Candidate[], id: StrategyId) => cs.find((c) => c.id === id)!;
const keywords = (c: Candidate, stage = -1) =>
  parseDockerfile(c.dockerfile)
    .at(stage)!
    .instructions.map((i) => `${i.keyword} ${i.args}`);
const plan = (p: Project, change = {}) => planCandidates(inputFor(p, flaskVerdicts, change));

describe('what gets copied and installed', () => {
  it('requirements: every requirements file and the local path dep come before the install, the app after', () => {
    const slim = keywords(byId(planCandidates(inputFor(pgProject, pgVerdicts)), 'slim'));
    const install = slim.findIndex((l) => l.includes('pip install'));
    expect(slim.slice(0, install)).toEqual(
      expect.arrayContaining([
        'COPY requirements-dev.txt requirements.txt ./',
        'COPY requirements/base.txt requirements/',
        'COPY vendor/pgfast vendor/pgfast',
      ]),
    );
    expect(slim[install]).toContain('-r requirements.txt');
    expect(slim.indexOf('COPY --chown=10001:10001 . .')).toBeGreaterThan(install);
  });

  it('`-e .` in the requirements: the project is copied first, once', () => {
    const p: Project = { ...flaskProject, localPaths: ['.'], installable: true };
    for (const c of plan(p)) {
      const lines = keywords(c);
      const copies = lines.filter((l) => /^COPY (--chown=\S+ )?\. \.$/.test(l));
      expect(copies, c.id).toHaveLength(1);
    }
    const slim = keywords(byId(plan(p), 'slim'));
    expect(slim.findIndex((l) => l.startsWith('COPY --chown'))).toBeLessThan(
      slim.findIndex((l) => l.includes('pip install')),
    );
  });

  it('poetry: the locked versions inline, markers and extras quoted, then the package itself with --no-deps', () => {
    const cs = planCandidates(inputFor(poetryProject, poetryVerdicts));
    const venv = byId(cs, 'multistage-venv').dockerfile;
    expect(venv).toContain(
      "numpy==1.26.4 \\\n        'requests[socks]==2.32.3 ; python_version >= \"3.8\"' \\\n        'toolkit @ git+https://example.com/toolkit.git@v1.2'",
    );
    expect(venv).toMatch(
      /COPY \. \.\nRUN \/opt\/venv\/bin\/python -m pip install --no-cache-dir --no-deps --no-compile \./,
    );
    const wheels = byId(cs, 'multistage-wheels').dockerfile;
    expect(wheels).toContain('FROM wheel-builder AS app-wheel');
    expect(wheels).toContain('--mount=type=bind,from=app-wheel,source=/app-wheel,target=/app-wheel');
  });

  it('pipenv: unpinned deps stay unpinned, locked ones are pinned', () => {
    const p: Project = {
      ...flaskProject,
      manager: 'pipenv',
      files: [{ path: 'Pipfile', kind: 'pipfile' }],
      dependencies: [
        {
          ...flaskProject.dependencies[0]!,
          specifier: '',
          locked: { version: '2.0.3', source: { file: 'Pipfile.lock' } },
        },
        { ...flaskProject.dependencies[1]!, specifier: '>=20' },
      ],
    };
    const slim = byId(plan(p), 'slim').dockerfile;
    expect(slim).toContain("python3 -m pip install --no-cache-dir --no-compile flask==2.0.3 'gunicorn>=20'");
    expect(slim).toContain('# Dependencies: Pipfile (pinned to the lock file).');
  });

  it('setup.py only: pip reads the metadata from the copied project', () => {
    const p: Project = { ...flaskProject, files: [], dependencies: [], installable: true };
    const venv = byId(plan(p), 'multistage-venv').dockerfile;
    expect(venv).toMatch(
      /COPY \. \.\nRUN \/opt\/venv\/bin\/python -m pip install --no-cache-dir --no-compile \.\n/,
    );
  });

  it('nothing to install: no pip RUN, still a complete Dockerfile', () => {
    const p: Project = { ...flaskProject, files: [], dependencies: [], installable: false };
    for (const c of plan(p)) {
      expect(c.dockerfile, c.id).not.toMatch(/pip (install|wheel)/);
      expect(c.dockerfile, c.id).toMatch(/^(CMD|ENTRYPOINT) \[/m);
    }
  });
});

describe('options', () => {
  it("bytecode 'compile': pip compiles, the app is compiled once (exec form), no PYTHONDONTWRITEBYTECODE", () => {
    for (const c of plan(flaskProject, { bytecode: 'compile' })) {
      expect(c.dockerfile, c.id).not.toContain('--no-compile');
      expect(c.dockerfile, c.id).not.toContain('PYTHONDONTWRITEBYTECODE');
      if (c.id !== 'full')
        expect(c.dockerfile, c.id).toContain(`RUN ["${c.python}", "-m", "compileall", "-q", "/app"]`);
    }
  });

  it("bytecode 'none': --no-compile everywhere pip installs into the image, PYTHONDONTWRITEBYTECODE at run time", () => {
    for (const c of plan(flaskProject)) {
      if (c.id === 'full') continue; // the baseline keeps pip's defaults
      expect(c.dockerfile, c.id).toContain('PYTHONDONTWRITEBYTECODE=1');
      for (const l of c.dockerfile.split('\n').filter((l) => l.includes('pip install'))) {
        expect(l, c.id).toContain('--no-compile');
      }
    }
  });

  it('non-root off: no user, no USER, no --chown', () => {
    for (const c of plan(flaskProject, { nonRoot: false })) {
      expect(c.dockerfile, c.id).not.toMatch(/useradd|adduser|^USER |--chown/m);
    }
  });

  it('non-root on: numeric USER in the final stage, 65532 on distroless', () => {
    for (const c of plan(flaskProject)) {
      const user = keywords(c).filter((l) => l.startsWith('USER '));
      expect(user, c.id).toEqual([c.id === 'distroless' ? 'USER 65532' : 'USER 10001']);
    }
  });

  it('trim off: no *-trimmed stage and no tests/ removal', () => {
    for (const c of plan(flaskProject, { trim: false })) {
      expect(c.dockerfile, c.id).not.toMatch(/-trimmed|-name tests/);
    }
  });

  it('a dependency the project names itself is never uninstalled by the trim', () => {
    const p: Project = {
      ...flaskProject,
      dependencies: [
        ...flaskProject.dependencies,
        { ...flaskProject.dependencies[0]!, name: 'setuptools', specifier: '' },
      ],
    };
    const venv = byId(plan(p), 'multistage-venv').dockerfile;
    expect(venv).toContain('for pkg in wheel pip; do');
    expect(byId(plan(flaskProject), 'multistage-venv').dockerfile).toContain(
      'for pkg in wheel setuptools pip; do',
    );
  });

  it('no entry: a guess from the app module, said so', () => {
    const p: Project = { ...flaskProject, entry: undefined };
    const slim = byId(plan(p), 'slim').dockerfile;
    expect(slim).toContain('# No entry command found');
    expect(slim).toContain('CMD ["python", "-m", "app"]');
    expect(byId(plan({ ...p, appModules: [] }), 'slim').dockerfile).toContain('CMD ["python"]');
  });

  it('distroless resolves the entry to the venv (no PATH lookup surprises), others keep it', () => {
    const cs = plan(flaskProject);
    expect(byId(cs, 'distroless').dockerfile).toContain(
      'ENTRYPOINT ["/opt/venv/bin/gunicorn", "app:app", "--bind", "0.0.0.0:8000"]',
    );
    expect(byId(cs, 'slim').dockerfile).toContain('CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]');
  });

  it('$PORT in the entry: exec form keeps it literal, and the Dockerfile says so', () => {
    const slim = byId(
      plan(flaskProject, { entry: ['gunicorn', 'app:app', '--bind', '0.0.0.0:$PORT'] }),
      'slim',
    );
    expect(slim.dockerfile).toContain('# Exec form does not expand $VARIABLES');
  });

  it('the baseline ignores trim and bytecode', () => {
    const a = byId(plan(flaskProject, { trim: true, bytecode: 'none' }), 'full').dockerfile;
    const b = byId(plan(flaskProject, { trim: false, bytecode: 'compile' }), 'full').dockerfile;
    expect(a).toBe(b);
  });
});
