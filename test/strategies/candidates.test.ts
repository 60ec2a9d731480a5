import { describe, expect, it } from 'vitest';
import { parseImageFlag, planCandidates, resolveImages } from '../../src/strategies/index.js';
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
import { unnoticedFailures } from './run-chain.js';

const byId = (cs: Candidate[], id: StrategyId) => cs.find((c) => c.id === id)!;
const finalStage = (c: Candidate) => parseDockerfile(c.dockerfile).at(-1)!;
/** The RUN instructions of the stage that holds a given line. */
const runs = (c: Candidate) =>
  parseDockerfile(c.dockerfile).flatMap((s) =>
    s.instructions
      .filter((i) => i.keyword === 'RUN')
      .map((i) => ({ ...i, args: i.args.replace(/\s+/g, ' ') })),
  );

describe('applicability and reasons', () => {
  it('distroless is not applicable on 3.12 and says why', () => {
    const d = byId(planCandidates(inputFor(flaskProject, flaskVerdicts)), 'distroless');
    expect(d.applicable).toBe(false);
    expect(d.reason).toMatch(
      /python3-debian13:nonroot carries Debian 13's Python 3\.13; this project targets 3\.12/,
    );
    expect(d.reason).toContain('There is no distroless image for Python 3.12');
    expect(d.reason).toContain('closure is the shell-less choice');
  });

  it('distroless on 3.11 says that python3-debian12 is gone', () => {
    const d = byId(planCandidates(inputFor(pgProject, pgVerdicts)), 'distroless');
    expect(d.applicable).toBe(false);
    expect(d.reason).toContain('python3-debian12 (Python 3.11) was removed upstream');
  });

  it('distroless needs a builder with the same Python: a Debian 12 builder for 3.13 is refused', () => {
    const images = resolveImages('3.13', [parseImageFlag('debian=127.0.0.1:5000/debian:12-slim')]);
    const input = inputFor(pgProject, pgVerdicts, { python: '3.13', images });
    const d = byId(planCandidates(input), 'distroless');
    expect(d.applicable).toBe(false);
    expect(d.reason).toContain("127.0.0.1:5000/debian:12-slim ships Debian 12's Python 3.11");
    expect(d.reason).toContain('--image debian=REF');
  });

  it('distroless applies on 3.13 and carries libpq over from the builder', () => {
    const input = inputFor(pgProject, pgVerdicts, { python: '3.13', images: resolveImages('3.13') });
    const d = byId(planCandidates(input), 'distroless');
    expect(d.applicable).toBe(true);
    expect(d.reason).toContain('libpq5');
    expect(d.dockerfile).toContain('ldd');
    expect(d.dockerfile).toContain('LD_LIBRARY_PATH=/opt/venv/syslib');
  });

  it('distroless applies on another Python when the user chose both images', () => {
    const images = resolveImages('3.12', [
      parseImageFlag('distroless=registry.local/distroless-py:{python}'),
      parseImageFlag('debian=registry.local/debian-py:{python}'),
    ]);
    const input = inputFor(flaskProject, flaskVerdicts);
    const d = byId(planCandidates({ ...input, options: { ...input.options, images } }), 'distroless');
    expect(d.applicable).toBe(true);
    expect(d.reason).toContain('registry.local/distroless-py:3.12');
    expect(d.dockerfile).toContain('/usr/bin/python3.12 -m venv /opt/venv');
  });

  it('alpine applies with a warning when numpy compiles on musl', () => {
    const cs = planCandidates(inputFor(poetryProject, poetryVerdicts));
    for (const id of ['alpine', 'multistage-alpine'] as const) {
      const a = byId(cs, id);
      expect(a.applicable).toBe(true);
      expect(a.reason).toMatch(/numpy compiles from source on musl/);
      expect(a.warnings?.join(' ')).toMatch(/numpy/);
      expect(a.dockerfile).toContain('openblas-dev');
    }
  });

  it('every candidate has trade-offs and teaches something', () => {
    for (const c of planCandidates(inputFor(pgProject, pgVerdicts))) {
      expect(
        Object.values(c.tradeoffs).every((t) => t.length > 10),
        c.id,
      ).toBe(true);
      expect(c.teaches.split('. ').length, c.id).toBeGreaterThanOrEqual(2);
      expect(c.workdir).toBe('/app');
    }
  });
});

describe('interpreters, bases and build settings', () => {
  const cs = planCandidates(inputFor(pgProject, pgVerdicts));
  it.each([
    ['full', 'python3', ['python:3.11-trixie']],
    ['slim', 'python3', ['python:3.11-slim-trixie']],
    ['alpine', 'python3', ['python:3.11-alpine3.24']],
    ['multistage-venv', '/opt/venv/bin/python', ['python:3.11-trixie', 'python:3.11-slim-trixie']],
    ['multistage-wheels', 'python3', ['python:3.11-trixie', 'python:3.11-slim-trixie']],
    ['multistage-user', 'python3', ['python:3.11-trixie', 'python:3.11-slim-trixie']],
    ['multistage-alpine', '/opt/venv/bin/python', ['python:3.11-alpine3.24']],
    ['distroless', '/opt/venv/bin/python', ['debian:13-slim', 'gcr.io/distroless/python3-debian13:nonroot']],
    ['closure', '/opt/venv/bin/python', ['python:3.11-trixie', 'scratch']],
  ] as const)('%s runs %s on %j', (id, python, bases) => {
    const c = byId(cs, id);
    expect(c.python).toBe(python);
    expect(c.bases).toEqual(bases);
  });

  it('only the bind-mount strategy needs BuildKit by default; cache mounts make all of them need it', () => {
    expect(cs.filter((c) => c.needsBuildKit).map((c) => c.id)).toEqual(['multistage-wheels']);
    const cached = planCandidates(inputFor(pgProject, pgVerdicts, { cacheMounts: true }));
    expect(cached.every((c) => c.needsBuildKit)).toBe(true);
    for (const c of cached) {
      for (const r of runs(c).filter(
        (r) => /pip (install|wheel)/.test(r.args) && !r.args.includes('--no-index'),
      )) {
        expect(r.args, c.id).toMatch(/^--mount=type=cache,target=\/root\/\.cache\/pip /);
        expect(r.args, c.id).not.toContain('--no-cache-dir');
      }
    }
  });

  it('the index reaches every pip stage as ARGs defaulting to it (docker build . works), never as ENV', () => {
    const input = inputFor(poetryProject, poetryVerdicts, {
      extraIndexUrls: ['https://extra.example/simple'],
    });
    for (const c of planCandidates(input)) {
      // Nothing to pass: the defaults say it all, and no password is involved.
      expect(c.buildArgs, c.id).toBeUndefined();
      expect(c.credentials, c.id).toBeUndefined();
      for (const stage of parseDockerfile(c.dockerfile)) {
        const ins = stage.instructions;
        const firstPip = ins.findIndex(
          (i) => i.keyword === 'RUN' && /pip (install|wheel)/.test(i.args) && !i.args.includes('--no-index'),
        );
        if (firstPip < 0) continue;
        const args = ins
          .slice(0, firstPip)
          .filter((i) => i.keyword === 'ARG')
          .map((i) => i.args);
        expect(args, `${c.id} ${stage.name ?? 'final'}`).toEqual([
          'PIP_INDEX_URL=http://127.0.0.1:8080/simple',
          'PIP_EXTRA_INDEX_URL=https://extra.example/simple',
          'PIP_TRUSTED_HOST=127.0.0.1:8080',
        ]);
      }
      expect(c.dockerfile).not.toMatch(/^ENV .*PIP_INDEX_URL/m);
      expect(c.dockerfile).toMatch(/^# Build: (DOCKER_BUILDKIT=1 )?docker build -t poetry-app \.$/m);
    }
  });

  it('an index password: never in the Dockerfile; a netrc secret on BuildKit, a build arg on the classic builder', () => {
    const url = 'https://me:hunter2@pypi.corp/simple/';
    for (const c of planCandidates(inputFor(flaskProject, flaskVerdicts, { indexUrl: url }))) {
      expect(c.dockerfile, c.id).not.toContain('hunter2');
      expect(c.dockerfile, c.id).toContain('ARG PIP_INDEX_URL=https://pypi.corp/simple/');
      expect(c.credentials).toBe('secret');
      expect(c.buildArgs).toBeUndefined();
      expect(c.needsBuildKit).toBe(true);
      // Every pip that reaches the index mounts the netrc; nothing else does.
      for (const line of c.dockerfile.split('\n').filter((l) => /pip (install|wheel)/.test(l)))
        if (!line.includes('--no-index'))
          expect(c.dockerfile).toContain('--mount=type=secret,id=netrc,target=/root/.netrc');
      expect(c.buildCommand).toBe(
        'DOCKER_BUILDKIT=1 docker build --secret id=netrc,src=$HOME/.netrc -t flask-app .',
      );
    }
    for (const c of planCandidates(
      inputFor(flaskProject, flaskVerdicts, { indexUrl: url, builder: 'classic' }),
    )) {
      expect(c.dockerfile, c.id).not.toContain('hunter2');
      expect(c.dockerfile).not.toContain('type=secret');
      expect(c.credentials).toBe('build-arg');
      expect(c.buildArgs).toEqual({ PIP_INDEX_URL: url });
      expect(c.buildCommand).toMatch(/docker build --build-arg PIP_INDEX_URL -t flask-app \.$/);
    }
  });

  it('no index: no ARG lines and no build args', () => {
    for (const c of planCandidates(inputFor(flaskProject, flaskVerdicts))) {
      expect(c.buildArgs).toBeUndefined();
      expect(c.dockerfile).not.toContain('ARG ');
    }
  });
});

describe('system packages', () => {
  const cs = planCandidates(inputFor(pgProject, pgVerdicts));
  it('slim installs the build packages and purges them in the same RUN as pip, after the runtime lib', () => {
    const [libs, install] = runs(byId(cs, 'slim'));
    expect(libs?.args).toContain('libpq5');
    expect(install?.args).toMatch(
      /apt-get install .*build-essential libpq-dev.*pip install.*apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false -o APT::AutoRemove::SuggestsImportant=false build-essential libpq-dev/,
    );
  });
  it('runtime stages get libpq5, never the -dev package', () => {
    for (const id of ['multistage-venv', 'multistage-wheels', 'multistage-user', 'distroless'] as const) {
      const text = finalStage(byId(cs, id))
        .instructions.map((i) => i.args)
        .join('\n');
      if (id !== 'distroless') expect(text, id).toContain('libpq5');
      expect(text, id).not.toContain('libpq-dev');
    }
    // slim: the -dev package only inside the RUN that purges it again.
    for (const r of runs(byId(cs, 'slim')).filter((r) => r.args.includes('libpq-dev'))) {
      expect(r.args).toContain(
        'apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false -o APT::AutoRemove::SuggestsImportant=false build-essential libpq-dev',
      );
    }
    expect(
      finalStage(byId(cs, 'multistage-alpine'))
        .instructions.map((i) => i.args)
        .join(' '),
    ).toContain('apk add --no-cache libpq');
  });
  it('alpine uses a virtual package deleted in the same RUN', () => {
    const install = runs(byId(cs, 'alpine')).find((r) => r.args.includes('pip install'));
    expect(install?.args).toMatch(
      /apk add --no-cache --virtual \.build-deps build-base postgresql-dev.*pip install.*apk del \.build-deps/,
    );
  });
  it('a VCS dependency brings git into the builders only', () => {
    const pc = planCandidates(inputFor(poetryProject, poetryVerdicts));
    const venv = byId(pc, 'multistage-venv');
    expect(parseDockerfile(venv.dockerfile)[0]?.instructions[0]?.args).toContain('git');
    expect(
      finalStage(venv)
        .instructions.map((i) => i.args)
        .join(' '),
    ).not.toContain('git');
  });
  it('the user can add packages the verdicts do not know', () => {
    const input = inputFor(flaskProject, flaskVerdicts, {
      buildPackages: { apt: ['libxml2-dev'], apk: ['libxml2-dev'] },
      runtimePackages: { apt: ['libxml2'], apk: ['libxml2'] },
    });
    const c = planCandidates(input);
    expect(byId(c, 'multistage-venv').dockerfile).toContain('libxml2-dev');
    expect(
      finalStage(byId(c, 'multistage-venv'))
        .instructions.map((i) => i.args)
        .join(' '),
    ).toContain('libxml2');
  });
});

describe('the distroless builder fails loudly', () => {
  it('whichever command of its library copy fails, the RUN fails', { timeout: 120_000 }, () => {
    const input = inputFor(pgProject, pgVerdicts, { python: '3.13', images: resolveImages('3.13') });
    const d = byId(planCandidates(input), 'distroless');
    const builder = parseDockerfile(d.dockerfile).find((s) => s.name === 'debian-builder')!;
    const finish = builder.instructions.filter((i) => i.keyword === 'RUN').at(-1)!.args;
    expect(finish).toContain('/opt/venv/syslib');
    const { calls, unnoticed } = unnoticedFailures(finish);
    expect(calls).toEqual(expect.arrayContaining(['find#1', 'awk#1', 'xargs#1', 'chown#1']));
    expect(unnoticed).toEqual([]);
  });
});
