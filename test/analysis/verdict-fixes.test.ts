import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import type { Verdict } from '../../src/analysis/types.js';
import type { Dependency } from '../../src/project/types.js';
import { planCandidates, recommend } from '../../src/strategies/index.js';
import { flaskProject, inputFor } from '../strategies/projects.js';

const dep = (name: string, specifier = '', extras: string[] = []): Dependency => ({
  name,
  specifier,
  extras,
  marker: '',
  source: { file: 'requirements.txt', line: 1 },
});
const target = { python: '3.12', arch: 'x86_64' as const };
const withDeps = (...dependencies: Dependency[]) => ({ ...flaskProject, dependencies });
const judged = async (...deps: Dependency[]) =>
  (await analyse(withDeps(...deps), { target, offline: true })).verdicts;
const byName = (vs: Verdict[], name: string) => vs.find((v) => v.name === name);

describe('a package with no musl build (torch)', () => {
  it('cannot install on musl: not "compiles", and no build packages for it', async () => {
    const torch = byName(await judged(dep('torch', '==2.5.1')), 'torch')!;
    expect(torch).toMatchObject({ glibc: 'wheel', musl: 'none' });
    expect(torch.buildPackages).toEqual({ apt: [], apk: [] });
  });

  it('the alpine candidates then do not apply, with the reason; the others still do', async () => {
    const project = withDeps(dep('flask'), dep('torch'));
    const verdicts = (await analyse(project, { target, offline: true })).verdicts;
    const input = inputFor(project, verdicts);
    const cs = planCandidates(input);
    for (const id of ['alpine', 'multistage-alpine'] as const) {
      const c = cs.find((x) => x.id === id)!;
      expect(c.applicable, id).toBe(false);
      expect(c.reason).toBe(
        'Does not apply: torch cannot install on musl (no musllinux wheel and no sdist to build); use a Debian-based image.',
      );
    }
    expect(cs.find((c) => c.id === 'multistage-venv')?.applicable).toBe(true);
    const r = recommend(cs, input);
    expect(r.ids).not.toContain('alpine');
    expect(r.ids).not.toContain('multistage-alpine');
    expect(r.why.join('\n')).toContain('multistage-alpine left out: Does not apply: torch cannot install');
    expect(r.why.join('\n')).not.toContain('multistage-alpine high');
  });
});

describe('pydantic v1 does not bring pydantic-core', () => {
  it.each(['<2', '==1.10.13', '~=1.10', '>=1.8,<2.0'])('pydantic%s: no pydantic-core', async (spec) => {
    expect(byName(await judged(dep('pydantic', spec)), 'pydantic-core')).toBeUndefined();
  });

  it.each(['', '>=2', '==2.9.2', '>=1.10'])(
    'pydantic%j: pydantic-core listed, via pydantic',
    async (spec) => {
      expect(byName(await judged(dep('pydantic', spec)), 'pydantic-core')).toMatchObject({
        via: 'pydantic',
        glibc: 'wheel',
      });
    },
  );
});

describe('libpq5 only where the system libpq is loaded', () => {
  it('psycopg[binary] bundles libpq: no libpq5 in the runtime, nothing in any candidate', async () => {
    const project = withDeps(dep('psycopg', '==3.2.3', ['binary']));
    const verdicts = (await analyse(project, { target, offline: true })).verdicts;
    expect(byName(verdicts, 'psycopg')?.runtimePackages).toEqual({ apt: [], apk: [] });
    expect(byName(verdicts, 'psycopg-binary')?.runtimePackages).toEqual({ apt: [], apk: [] });
    for (const c of planCandidates(inputFor(project, verdicts))) {
      expect(c.dockerfile, c.id).not.toMatch(/libpq5|apk add[^\n]*libpq/);
    }
  });

  it.each([
    ['psycopg', []],
    ['psycopg', ['c']],
    ['psycopg2', []],
  ] as const)('%s%j still gets libpq5', async (name, extras) => {
    const v = byName(await judged(dep(name, '', [...extras])), name)!;
    expect(v.runtimePackages).toEqual({ apt: ['libpq5'], apk: ['libpq'] });
  });
});
