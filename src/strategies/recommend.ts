import { listNames } from '../names.js';
import { renderContext } from './render/context.js';
import { namesVerb } from './render/lines.js';
import type { Candidate, PlanInput, StrategyId } from './types.js';

export interface Recommendation {
  /** Applicable candidates, most promising first. Never a non-applicable one. */
  ids: StrategyId[];
  /** One line per decision, in the order they were made. */
  why: string[];
}

/**
 * Orders the candidates for this project before anything is built: a prediction that the race
 * then measures. Scores are small integers so the order is easy to explain and to test.
 */
export function recommend(candidates: Candidate[], input: PlanInput): Recommendation {
  // The strategies' own context: the install plan, its verdicts and what they need on each libc are
  // worked out once per input (systemNeeds sorts the verdicts by libc in one pass).
  const { verdicts: vs, needs } = renderContext(input);
  const muslCompiles = needs.compiles.musl;
  const muslUnknown = needs.unknown.musl;
  const muslCannot = needs.cannotInstall.musl.length > 0;
  const runtimeLibs = [...new Set(vs.flatMap((v) => v.runtimePackages.apt))];
  const why: string[] = [];
  const score = new Map<StrategyId, number>([
    ['multistage-venv', 50],
    ['multistage-wheels', 45],
    ['multistage-user', 44],
    ['slim', 40],
    ['multistage-alpine', 30],
    ['alpine', 20],
    ['distroless', 48],
    // Below distroless: usually the smallest, but without a shell and every library copied by ldd.
    ['closure', 46],
    ['full', 0],
  ]);
  why.push(
    'multistage-venv is the robust default: same glibc and Python in both stages, no toolchain shipped.',
  );

  const has = (id: StrategyId) => candidates.some((c) => c.id === id && c.applicable);
  if (has('distroless')) {
    if (runtimeLibs.length === 0) {
      score.set('distroless', 60);
      why.push('distroless first: its Python is the project’s and no system library has to be carried over.');
    } else {
      why.push(
        `distroless after multistage-venv: it must carry ${runtimeLibs.join(', ')} over from the builder.`,
      );
    }
  } else {
    const d = candidates.find((c) => c.id === 'distroless');
    if (d) why.push(`distroless left out: ${d.reason}`);
  }
  if (muslCannot) {
    // The Alpine candidates do not apply; the loop at the end says why.
  } else if (muslCompiles.length) {
    score.set('multistage-alpine', 10);
    score.set('alpine', 5);
    why.push(
      `Alpine last: ${namesVerb(muslCompiles, 'compile')} from source on musl (slow, not always smaller).`,
    );
  } else if (muslUnknown.length === 0) {
    score.set('multistage-alpine', 55);
    score.set('alpine', 42);
    why.push(
      'multistage-alpine high: every dependency is pure Python or has a musllinux wheel, and its base is the smallest with a shell.',
    );
  } else {
    why.push(
      `Alpine in the middle: unknown whether ${listNames(muslUnknown)} install on musl without compiling.`,
    );
  }
  why.push('full last: it is the baseline the others are measured against.');

  const ids = candidates
    .filter((c) => c.applicable)
    .map((c, i) => ({ id: c.id, s: score.get(c.id) ?? 0, i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.id);
  for (const c of candidates) {
    if (!c.applicable && c.id !== 'distroless') why.push(`${c.id} left out: ${c.reason}`);
  }
  return { ids, why };
}
