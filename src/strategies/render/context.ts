import type { Verdict } from '../../analysis/types.js';
import type { Options, PlanInput } from '../types.js';
import { type InstallPlan, installPlan } from './install-plan.js';
import { relevantVerdicts, type SystemNeeds, systemNeeds } from './packages.js';

/** Everything the strategies derive from a PlanInput, computed the same way for all of them. */
export interface RenderContext {
  input: PlanInput;
  options: Options;
  plan: InstallPlan;
  /** The verdicts of what the image installs (relevantVerdicts). */
  verdicts: readonly Verdict[];
  needs: SystemNeeds;
  /** pip/setuptools/wheel the project names itself: never trimmed away. */
  keepTools: Set<string>;
  appModules: string[];
}

// One per input: every strategy reads the same context, and each derivation walks all dependencies.
const contexts = new WeakMap<PlanInput, RenderContext>();

export function renderContext(input: PlanInput): RenderContext {
  let ctx = contexts.get(input);
  if (!ctx) {
    ctx = derive(input);
    contexts.set(input, ctx);
  }
  return ctx;
}

function derive(input: PlanInput): RenderContext {
  const plan = installPlan(input.project);
  const verdicts = relevantVerdicts(input.verdicts, plan, input.project);
  return {
    input,
    options: input.options,
    plan,
    verdicts,
    needs: systemNeeds(input, plan, verdicts),
    keepTools: new Set(['pip', 'setuptools', 'wheel'].filter((t) => plan.names.has(t))),
    appModules: input.project.appModules,
  };
}
