import type { Options, PlanInput } from '../types.js';
import { type InstallPlan, installPlan } from './install-plan.js';
import { type SystemNeeds, systemNeeds } from './packages.js';

/** Everything the strategies derive from a PlanInput, computed the same way for all of them. */
export interface RenderContext {
  input: PlanInput;
  options: Options;
  plan: InstallPlan;
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
  return {
    input,
    options: input.options,
    plan,
    needs: systemNeeds(input, plan),
    keepTools: new Set(['pip', 'setuptools', 'wheel'].filter((t) => plan.names.has(t))),
    appModules: input.project.appModules,
  };
}
