import type { Verdict } from '../analysis/types.js';
import { describeError } from '../errors.js';
import { endOfLife } from '../project/python-eol.js';
import type { StrategyId } from '../strategies/types.js';
import type { PlanResult } from './plan.js';

/** The versions the Python step offers: every CPython the official images publish today. */
export const PYTHONS = ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'] as const;

/** What choosing one Python version allows, for the wizard's Python step. */
export interface PythonChoice {
  version: string;
  /** The project's own version (listed first). */
  detected: boolean;
  /** Strategies that apply with it, in the plan's order. */
  applicable: StrategyId[];
  /** Dependencies without a wheel for it (glibc, the Debian-based images), one line each. */
  problems: string[];
  compiles: number;
  cannotInstall: number;
  /** The plan for it failed: why. */
  error?: string;
  /** Past its end of life on the session's date: since when ('October 2025'; '' for lines older than the table). */
  endOfLife?: string;
}

const OK = new Set(['wheel', 'pure']);

function cp(version: string): string {
  return `cp${version.replace('.', '')}`;
}

/** ` — 3.11 has wheels`, ` — 3.11, 3.12 have wheels`, or ''. */
function elsewhere(name: string, version: string, plans: Map<string, PlanResult>): string {
  const others = [...plans]
    .filter(([v, p]) => v !== version && p.verdicts.some((x) => x.name === name && OK.has(x.glibc)))
    .map(([v]) => v);
  if (others.length === 0) return '';
  return ` — ${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} wheels`;
}

function problemOf(v: Verdict, version: string, plans: Map<string, PlanResult>): string | undefined {
  if (v.glibc !== 'compile' && v.glibc !== 'none') return undefined;
  const also = elsewhere(v.name, version, plans);
  if (v.glibc === 'none' && v.formats)
    return `${v.name}: nothing on this index that ${v.formats} allows for ${cp(version)} — cannot install${also}`;
  if (v.source !== 'index') return `${v.name}: compiles from source (built-in table)${also}`;
  if (v.glibc === 'none')
    return `${v.name}: no ${cp(version)} wheel and no sdist on this index — cannot install${also}`;
  return `${v.name}: no ${cp(version)} wheel on this index, builds from the sdist${also}`;
}

/**
 * Each offered version with what it allows: the strategies that apply, and per dependency whether
 * the index serves a wheel for it, builds it from an sdist, or cannot install it at all.
 */
export async function pythonChoices(
  planFor: (version: string) => Promise<PlanResult>,
  detected: string,
  today: Date,
): Promise<PythonChoice[]> {
  const versions = [detected, ...PYTHONS.filter((v) => v !== detected)];
  const settled = await Promise.allSettled(versions.map((v) => planFor(v)));
  const plans = new Map<string, PlanResult>();
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') plans.set(versions[i]!, s.value);
  });
  return versions.map((version, i): PythonChoice => {
    const plan = plans.get(version);
    const eol = endOfLife(version, today);
    const base = {
      version,
      detected: version === detected,
      ...(eol !== undefined ? { endOfLife: eol } : {}),
    };
    if (!plan) {
      const reason =
        settled[i]!.status === 'rejected' ? (settled[i] as PromiseRejectedResult).reason : undefined;
      const error = describeError(reason, {}).message;
      return { ...base, applicable: [], problems: [], compiles: 0, cannotInstall: 0, error };
    }
    const problems = plan.verdicts.flatMap((v) => problemOf(v, version, plans) ?? []);
    return {
      ...base,
      applicable: plan.candidates.filter((c) => c.applicable).map((c) => c.id),
      problems,
      compiles: plan.verdicts.filter((v) => v.glibc === 'compile').length,
      cannotInstall: plan.verdicts.filter((v) => v.glibc === 'none').length,
    };
  });
}
