import { describe, expect, it } from 'vitest';
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

/** Named stages as text blocks (comment + FROM + body), by the layout contract of render/lines.ts. */
function namedStages(dockerfile: string): Map<string, string> {
  const blocks = dockerfile.trimEnd().split('\n\n').slice(1);
  const out = new Map<string, string>();
  for (const b of blocks) {
    const name = /^FROM \S+ AS (\S+)$/m.exec(b)?.[1];
    if (name) out.set(name, b);
  }
  return out;
}

/** Instruction lines of one stage, FROM included, comments dropped: what the build cache keys on. */
function instructions(dockerfile: string, stage: number): string[] {
  const s = parseDockerfile(dockerfile)[stage];
  if (!s) throw new Error(`no stage ${stage}`);
  return [`FROM ${s.from}`, ...s.instructions.map((i) => `${i.keyword} ${i.args}`)];
}

const byId = (cs: Candidate[], id: StrategyId) => cs.find((c) => c.id === id)!;

const inputs = {
  flask: inputFor(flaskProject, flaskVerdicts),
  pg: inputFor(pgProject, pgVerdicts),
  poetry: inputFor(poetryProject, poetryVerdicts),
};

describe('stages shared by candidates are byte-identical', () => {
  it.each(Object.entries(inputs))('%s: a stage name means the same text in every candidate', (_, input) => {
    const seen = new Map<string, { id: string; text: string }>();
    let shared = 0;
    for (const c of planCandidates(input)) {
      for (const [name, text] of namedStages(c.dockerfile)) {
        const first = seen.get(name);
        if (first) {
          shared++;
          expect(text, `${name} in ${c.id} vs ${first.id}`).toBe(first.text);
        } else seen.set(name, { id: c.id, text });
      }
    }
    // build-env is used by venv, wheels and user: at least two re-uses.
    expect(shared).toBeGreaterThanOrEqual(2);
  });

  it('trimming on or off leaves every builder stage unchanged (only a *-trimmed stage is added)', () => {
    const on = planCandidates(inputFor(pgProject, pgVerdicts, { trim: true }));
    const off = planCandidates(inputFor(pgProject, pgVerdicts, { trim: false }));
    for (const id of ['multistage-venv', 'multistage-user', 'multistage-alpine', 'distroless'] as const) {
      const a = namedStages(byId(on, id).dockerfile);
      const b = namedStages(byId(off, id).dockerfile);
      const added = [...a.keys()].filter((k) => !b.has(k));
      expect(added, id).toHaveLength(1);
      expect(added[0], id).toMatch(/-trimmed$/);
      for (const [name, text] of b) expect(a.get(name), `${id} ${name}`).toBe(text);
    }
  });

  it('bytecode and non-root answers do not touch the builders either', () => {
    const a = planCandidates(
      inputFor(pgProject, pgVerdicts, { bytecode: 'none', nonRoot: true, trim: false }),
    );
    const b = planCandidates(
      inputFor(pgProject, pgVerdicts, { bytecode: 'none', nonRoot: false, trim: false }),
    );
    for (const id of ['multistage-venv', 'multistage-wheels', 'distroless'] as const) {
      const sa = namedStages(byId(a, id).dockerfile);
      const sb = namedStages(byId(b, id).dockerfile);
      expect([...sa.keys()]).toEqual([...sb.keys()]);
      for (const [name, text] of sb) expect(sa.get(name)).toBe(text);
    }
  });

  it.each(Object.entries(inputs))(
    '%s: single-stage images start with the same instructions as the shared stages',
    (_, input) => {
      const cs = planCandidates(input);
      // full = build-env's instructions, then more: the apt layer is cached once for both.
      const buildEnv = instructions(byId(cs, 'multistage-venv').dockerfile, 0);
      expect(instructions(byId(cs, 'full').dockerfile, 0).slice(0, buildEnv.length)).toEqual(buildEnv);
      // slim's first layers (ENV, runtime libs + user, WORKDIR) = every slim runtime stage's first layers.
      const slimHead = instructions(byId(cs, 'slim').dockerfile, 0).slice(0, 4);
      for (const id of ['multistage-venv', 'multistage-wheels', 'multistage-user'] as const) {
        const stages = parseDockerfile(byId(cs, id).dockerfile);
        expect(instructions(byId(cs, id).dockerfile, stages.length - 1).slice(0, 4), id).toEqual(slimHead);
      }
      const alpineHead = instructions(byId(cs, 'alpine').dockerfile, 0).slice(0, 4);
      const ma = byId(cs, 'multistage-alpine').dockerfile;
      expect(instructions(ma, parseDockerfile(ma).length - 1).slice(0, 4)).toEqual(alpineHead);
    },
  );

  it('planning twice gives the same bytes', () => {
    const a = planCandidates(inputs.pg).map((c) => c.dockerfile);
    const b = planCandidates(inputFor(pgProject, pgVerdicts)).map((c) => c.dockerfile);
    expect(a).toEqual(b);
  });
});
