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

describe('where the app lives in each runtime', () => {
  const srcRoot = {
    path: 'src',
    source: { file: 'src/server.py' },
    reason: "src/ holds the app's modules (src/server.py), imported from src/",
  };

  it('a src/ folder of modules: the project is copied, src/ on PYTHONPATH, the command runs in src/', () => {
    const p: Project = {
      ...flaskProject,
      importRoot: srcRoot,
      appModules: ['server'],
      entry: {
        argv: ['gunicorn', 'server:server'],
        command: 'gunicorn server:server',
        source: { file: 'src/server.py', line: 3 },
        cwd: 'src',
        port: 8000,
      },
    };
    for (const c of planCandidates(inputFor(p, flaskVerdicts))) {
      const last = keywords(c);
      expect(c.workdir, c.id).toBe('/app/src');
      expect(last, c.id).toEqual(expect.arrayContaining(['ENV PYTHONPATH=/app/src', 'WORKDIR /app/src']));
      expect(last.indexOf('WORKDIR /app/src'), c.id).toBeGreaterThan(
        last.findIndex((l) => /^COPY (--chown=\S+ )?\. \.$/.test(l)),
      );
    }
  });

  it('an installed project ships its wheel only: no source tree in the runtime, the single stages build it from a mount', () => {
    const p: Project = { ...poetryProject, importRoot: { ...srcRoot, reason: 'src/ layout' } };
    for (const c of planCandidates(inputFor(p, poetryVerdicts))) {
      const last = keywords(c);
      expect(
        last.filter((l) => /^COPY (--chown=\S+ )?\. \.$/.test(l)),
        c.id,
      ).toEqual([]);
      expect(c.workdir, c.id).toBe('/app');
      expect(
        last.some((l) => l.startsWith('ENV PYTHONPATH')),
        c.id,
      ).toBe(false);
    }
    for (const id of ['full', 'slim', 'alpine'] as const) {
      expect(byId(planCandidates(inputFor(p, poetryVerdicts)), id).dockerfile, id).toMatch(
        /RUN --mount=type=bind,target=\/tmp\/project,rw[\s\S]*?python3 -m pip install [^\n]*--no-deps[^\n]* \/tmp\/project/,
      );
    }
  });

  it('an installed project copies the files its command names, nothing else', () => {
    const p: Project = {
      ...poetryProject,
      entry: {
        argv: ['gunicorn', '-c', 'gunicorn.conf.py', 'poetry_app.wsgi'],
        command: '',
        source: { file: 'Procfile', line: 1 },
        files: ['gunicorn.conf.py'],
      },
    };
    const venv = keywords(byId(planCandidates(inputFor(p, poetryVerdicts)), 'multistage-venv'));
    expect(venv).toContain('COPY --chown=10001:10001 gunicorn.conf.py ./');
  });
});

describe('options', () => {
  it("bytecode 'all': pip compiles, the app is compiled once (exec form), no PYTHONDONTWRITEBYTECODE", () => {
    for (const c of plan(flaskProject, { bytecode: 'all' })) {
      expect(c.dockerfile, c.id).not.toContain('--no-compile');
      expect(c.dockerfile, c.id).not.toContain('PYTHONDONTWRITEBYTECODE');
      if (c.id !== 'full')
        expect(c.dockerfile, c.id).toContain(`RUN ["${c.python}", "-m", "compileall", "-q", "/app"]`);
    }
  });

  it("bytecode 'none' and 'imports': --no-compile everywhere pip installs into the image, PYTHONDONTWRITEBYTECODE at run time", () => {
    for (const c of [...plan(flaskProject, { bytecode: 'none' }), ...plan(flaskProject)]) {
      if (c.id === 'full') continue; // the baseline keeps pip's defaults
      expect(c.dockerfile, c.id).toContain('PYTHONDONTWRITEBYTECODE=1');
      for (const l of c.dockerfile.split('\n').filter((l) => l.includes('pip install'))) {
        expect(l, c.id).toContain('--no-compile');
      }
    }
  });

  it("bytecode 'imports' before a race: nothing recorded, nothing compiled, the same text as 'none'", () => {
    const none = plan(flaskProject, { bytecode: 'none' });
    for (const c of plan(flaskProject, { bytecode: 'imports' })) {
      expect(c.dockerfile, c.id).toBe(none.find((n) => n.id === c.id)?.dockerfile);
    }
  });

  it("bytecode 'imports' with a recorded list: one exec-form RUN after the app, by the runtime's python", () => {
    const startupImports = ['flask', 'json.decoder', 'app', 'bad name', '__main__', 'flask'];
    for (const c of plan(flaskProject, { bytecode: 'imports', startupImports })) {
      if (c.id === 'full') {
        expect(c.dockerfile).not.toContain('py_compile');
        continue;
      }
      const final = keywords(c);
      const run = final.find((l) => l.startsWith('RUN [') && l.includes('py_compile')) ?? '';
      const argv = JSON.parse(run.slice(4)) as string[];
      expect(argv.slice(0, 2), c.id).toEqual([c.python, '-c']);
      expect(argv.slice(3), c.id).toEqual(['app', 'flask', 'json.decoder']);
      // After the app's COPY (its modules are in the list), before USER.
      const at = (re: RegExp) => final.findIndex((l) => re.test(l));
      expect(at(/^COPY (--chown=\S+ )?\. \.$/), c.id).toBeLessThan(at(/py_compile/));
      expect(at(/py_compile/), c.id).toBeLessThan(at(/^USER /));
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

  it("no entry: not the base image's python, but a command that says what is missing", () => {
    const p: Project = { ...flaskProject, entry: undefined };
    for (const c of plan(p, { entry: undefined })) {
      expect(c.dockerfile, c.id).toContain('# No entry command found');
      expect(c.dockerfile, c.id).toMatch(
        /(CMD|ENTRYPOINT) \["[^"]*python", "-c", "raise SystemExit\('slim-py found no entry command/,
      );
      expect(c.dockerfile, c.id).not.toMatch(/^(CMD|ENTRYPOINT) \["python3?"\]$/m);
    }
  });

  it('distroless resolves the entry to the venv (no PATH lookup surprises), others keep it', () => {
    const cs = plan(flaskProject);
    expect(byId(cs, 'distroless').dockerfile).toContain(
      'ENTRYPOINT ["/opt/venv/bin/gunicorn", "app:app", "--bind", "0.0.0.0:8000"]',
    );
    expect(byId(cs, 'slim').dockerfile).toContain('CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]');
  });

  it('$PORT in the entry: expanded at start by one line of Python, no shell needed (distroless too)', () => {
    const cs = plan(flaskProject, {
      entry: ['uvicorn', 'app:app', '--host', '0.0.0.0', '--port', '$PORT'],
      port: 8000,
    });
    const wrapper =
      'import os, sys; argv = [os.path.expandvars(a) for a in sys.argv[1:]]; os.execvp(argv[0], argv)';
    expect(byId(cs, 'slim').dockerfile).toContain(
      `CMD ["python", "-c", "${wrapper}", "uvicorn", "app:app", "--host", "0.0.0.0", "--port", "$PORT"]`,
    );
    expect(byId(cs, 'distroless').dockerfile).toContain(
      `ENTRYPOINT ["/opt/venv/bin/python", "-c", "${wrapper}", "/opt/venv/bin/uvicorn", "app:app", "--host", "0.0.0.0", "--port", "$PORT"]`,
    );
    for (const c of cs) {
      const last = keywords(c);
      expect(last, c.id).toEqual(expect.arrayContaining(['ENV PORT=8000', 'EXPOSE 8000']));
    }
  });

  it('gunicorn without --bind: PORT set, no wrapper (gunicorn binds 0.0.0.0:$PORT itself)', () => {
    const slim = byId(plan(flaskProject, { entry: ['gunicorn', 'app:app'], port: 8000 }), 'slim').dockerfile;
    expect(slim).toContain('ENV PORT=8000\nEXPOSE 8000');
    expect(slim).toContain('# gunicorn binds 0.0.0.0:$PORT by itself when PORT is set');
    expect(slim).toContain('CMD ["gunicorn", "app:app"]');
  });

  it('the baseline ignores trim and bytecode', () => {
    const a = byId(plan(flaskProject, { trim: true, bytecode: 'none' }), 'full').dockerfile;
    const b = byId(plan(flaskProject, { trim: false, bytecode: 'all' }), 'full').dockerfile;
    expect(a).toBe(b);
  });
});
