import { describe, expect, it } from 'vitest';
import { planCandidates, recommend } from '../../src/strategies/index.js';
import {
  flaskProject,
  flaskVerdicts,
  inputFor,
  pgProject,
  pgVerdicts,
  poetryProject,
  poetryVerdicts,
} from './projects.js';

function rec(project: typeof flaskProject, verdicts: typeof flaskVerdicts, python?: string) {
  const base = inputFor(project, verdicts);
  const p = python ? { ...project, python: { ...project.python, version: python } } : project;
  const input = python ? inputFor(p, verdicts) : base;
  const candidates = planCandidates(input);
  return { candidates, ...recommend(candidates, input) };
}

describe('recommend', () => {
  it('never recommends a non-applicable candidate, and lists every applicable one', () => {
    for (const [p, v] of [
      [flaskProject, flaskVerdicts],
      [pgProject, pgVerdicts],
      [poetryProject, poetryVerdicts],
    ] as const) {
      const r = rec(p, v);
      expect(new Set(r.ids)).toEqual(new Set(r.candidates.filter((c) => c.applicable).map((c) => c.id)));
    }
  });

  it('pure project on 3.12: multistage-alpine first (musl wheels everywhere), distroless left out with its reason, full last', () => {
    const r = rec(flaskProject, flaskVerdicts);
    expect(r.ids).toEqual([
      'multistage-alpine',
      'multistage-venv',
      'closure',
      'multistage-wheels',
      'multistage-user',
      'alpine',
      'slim',
      'full',
    ]);
    expect(r.why.join('\n')).toMatch(
      /distroless left out: .*Python 3\.13.*no distroless image for Python 3\.12.*closure/,
    );
  });

  it('pure project on 3.13: distroless first (nothing to carry over), closure applies too', () => {
    const r = rec(flaskProject, flaskVerdicts, '3.13');
    expect(r.ids).toContain('closure');
    expect(r.ids[0]).toBe('distroless');
    expect(r.ids.at(-1)).toBe('full');
  });

  it('libpq project on 3.13: multistage-venv first, distroless right after, alpine last before full', () => {
    const r = rec(pgProject, pgVerdicts, '3.13');
    expect(r.ids.slice(0, 2)).toEqual(['multistage-venv', 'distroless']);
    expect(r.ids.slice(-3)).toEqual(['multistage-alpine', 'alpine', 'full']);
    expect(r.why.join('\n')).toContain('psycopg2, pgfast compile from source on musl');
  });

  it('libpq project on 3.11: no distroless (Debian 13 carries 3.13), closure instead', () => {
    const r = rec(pgProject, pgVerdicts);
    expect(r.ids).not.toContain('distroless');
    expect(r.ids).toContain('closure');
    expect(r.why.join('\n')).toMatch(/python3-debian12 \(Python 3\.11\) was removed upstream/);
  });

  it('numpy compiling on musl sends alpine to the end', () => {
    const r = rec(poetryProject, poetryVerdicts);
    expect(r.ids.indexOf('alpine')).toBeGreaterThan(r.ids.indexOf('slim'));
    expect(r.ids.indexOf('multistage-alpine')).toBeGreaterThan(r.ids.indexOf('slim'));
  });
});
