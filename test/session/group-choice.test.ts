import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answersForNewGroups,
  createSession,
  prefillAnswers,
  strategiesForEngine,
  suggestedStrategies,
  toggleGroup,
  unbuildable,
} from '../../src/session/index.js';
import { type PlanRequest, type PlanResult, planProject } from '../../src/session/plan.js';
import type { SessionRequest } from '../../src/session/types.js';
import { FIXTURES, tempProject } from '../project/temp-project.js';
import { engineOn } from '../race/memory-engine.js';

const RACE = { concurrency: 1, keep: false, noCache: true, timeoutSeconds: 60 };
// Poetry: an extra `postgres` (psycopg) and a `dev` group (pytest, mypy), both left out by default.
const request: SessionRequest = {
  dir: path.join(FIXTURES, 'poetry-app'),
  images: [],
  offline: true,
  project: { groups: [], noGroups: [] },
  race: RACE,
};

/** A session that counts the plans it really makes. */
function counted(req: SessionRequest = request) {
  const made: PlanRequest[] = [];
  const session = createSession(req, {
    plan: (r) => {
      made.push(r);
      return planProject(r);
    },
  });
  return { session, made };
}

const names = (p: { verdicts: { name: string }[] }) => p.verdicts.map((v) => v.name);
const group = (p: PlanResult, name: string) => p.project.groups.find((g) => g.name === name)!;

describe('the groups, changed in the wizard, re-plan the session', () => {
  it('a group ticked puts its packages in; flipped back, they are out and the first plan is reused', async () => {
    const { session, made } = counted();
    const first = await session.plan();
    expect(group(first, 'dev').included).toBe(false);
    expect(names(first)).not.toContain('pytest');

    const ticked = toggleGroup(undefined, request.project, group(first, 'dev'));
    const withDev = await session.plan(undefined, ticked);
    expect(group(withDev, 'dev')).toMatchObject({
      included: true,
      reason: 'you ticked it (--group dev does the same)',
    });
    expect(names(withDev)).toEqual(expect.arrayContaining(['pytest', 'mypy']));
    expect(names(withDev)).not.toContain('psycopg');

    const back = toggleGroup(ticked, request.project, group(withDev, 'dev'));
    expect(back).toEqual({ groups: [], noGroups: [], toggled: [] });
    expect(await session.plan(undefined, back)).toBe(first);
    expect(made).toHaveLength(2);
  });

  it('a group the flags put in can be left out, and a plan for another Python keeps the choice', async () => {
    const flags = { groups: ['postgres'], noGroups: [] };
    const { session, made } = counted({ ...request, project: flags });
    const first = await session.plan();
    expect(group(first, 'postgres').reason).toBe('asked for with --group');
    expect(names(first)).toContain('psycopg');

    const out = toggleGroup(undefined, flags, group(first, 'postgres'));
    expect(out).toEqual({ groups: [], noGroups: ['postgres'], toggled: ['postgres'] });
    const other = await session.plan('3.12', out);
    expect(other.options.python).toBe('3.12');
    expect(group(other, 'postgres')).toMatchObject({
      included: false,
      reason: expect.stringMatching(/^you left it out/),
    });
    expect(names(other)).not.toContain('psycopg');
    // The same choice in another order is the same plan.
    expect(await session.plan('3.12', { groups: [], noGroups: ['postgres'], toggled: ['postgres'] })).toBe(
      other,
    );
    expect(made.map((r) => [r.python, r.project])).toEqual([
      [undefined, flags],
      ['3.12', out],
    ]);
  });

  it('answers left as prefilled follow the new groups; answers the user changed stay', async () => {
    const dir = await tempProject({
      'pyproject.toml':
        '[project]\nname = "svc"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["flask"]\n\n[dependency-groups]\ndb = ["psycopg2==2.9.9"]\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    const session = createSession({ ...request, dir });
    const before = await session.plan();
    const mine = { ...prefillAnswers(before), entry: { typed: 'python app.py' } };
    expect(mine.compiles).toBe(false);
    const after = await session.plan(undefined, toggleGroup(undefined, request.project, group(before, 'db')));
    const a = answersForNewGroups(mine, before, after);
    expect(a.compiles).toBe(true);
    expect(a.buildPackages).toContain('libpq-dev');
    expect(a.runtimePackages).toContain('libpq5');
    expect(a.entry).toEqual({ typed: 'python app.py' });
  });

  it('the Python comparison plans each version with the choice', async () => {
    const { session, made } = counted();
    const first = await session.plan();
    const ticked = toggleGroup(undefined, request.project, group(first, 'dev'));
    await session.pythonChoices(ticked);
    expect(made.slice(1).every((r) => r.project === ticked)).toBe(true);
  });
});

describe('what the engine cannot build, known once it answered', () => {
  const classic = { kind: 'docker', builder: 'classic', serverVersion: '20.10.24' } as const;

  it('is what the session leaves out of the race, and the suggestion does without it', async () => {
    const session = createSession(request, {
      engine: async () => {
        const e = engineOn('x86_64');
        const connect = e.connect.bind(e);
        e.connect = async () => ({ ...(await connect()), builder: 'classic' });
        return e;
      },
    });
    await session.connect();
    const plan = await session.plan();
    const out = unbuildable(plan.candidates, classic);
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]?.reason).toMatch(/only BuildKit builds RUN --mount/);
    const applicable = plan.candidates.filter((c) => c.applicable).map((c) => c.id);
    expect(session.select(plan, applicable).skipped).toEqual(out);

    const ids = out.map((s) => s.id);
    const suggested = suggestedStrategies(plan, undefined, classic);
    expect(suggested.filter((id) => ids.includes(id))).toEqual([]);
    expect(suggested.length).toBeGreaterThanOrEqual(3);
    expect(prefillAnswers(plan, undefined, classic).strategies).toEqual(suggested);
  });

  it('ticks kept as suggested follow the engine; ticks the user made only lose what it cannot build', async () => {
    const plan = await planProject({ ...request, images: [] });
    const ids = unbuildable(plan.candidates, classic).map((s) => s.id);
    expect(strategiesForEngine(suggestedStrategies(plan), plan, classic)).toEqual(
      suggestedStrategies(plan, undefined, classic),
    );
    const mine = ['multistage-venv', ids[0]!] as const;
    expect(strategiesForEngine([...mine], plan, classic)).toEqual(['multistage-venv']);
  });
});
