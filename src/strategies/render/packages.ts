import type { Libc, Verdict } from '../../analysis/types.js';
import type { Project } from '../../project/types.js';
import type { PlanInput } from '../types.js';
import type { InstallPlan } from './install-plan.js';
import { sortedUnique } from './lines.js';
import { SSH_CLIENT } from './ssh.js';

/** System packages a strategy needs, from the verdicts and the user's answers. */
export interface SystemNeeds {
  /** Names of dependencies that compile from source, per libc. */
  compiles: Record<Libc, string[]>;
  /** Dependencies pip cannot install there at all: no wheel fits and no sdist to build. */
  cannotInstall: Record<Libc, string[]>;
  /** Dependencies whose availability is unknown (not in the table, index not asked). */
  unknown: Record<Libc, string[]>;
  /** Builder packages: a compiler when something compiles, the verdicts' headers, git for VCS deps. */
  build: { apt: string[]; apk: string[] };
  /** Shared libraries the installed packages load at run time. */
  runtime: { apt: string[]; apk: string[] };
}

/** Verdicts of what is installed: optional-group-only dependencies are left out. */
export function relevantVerdicts(
  verdicts: readonly Verdict[],
  plan: InstallPlan,
  project: Project,
): readonly Verdict[] {
  let declared: Set<string> | undefined;
  const isDeclared = (name: string) => {
    declared ??= new Set(project.dependencies.map((d) => d.name));
    return declared.has(name);
  };
  // Verdicts for names the project does not declare (transitive ones the analysis added) still count.
  const installed = (v: Verdict) => plan.names.has(v.name) || !isDeclared(v.name);
  // Usually every one is: then the list itself, not a copy.
  return verdicts.every(installed) ? verdicts : verdicts.filter(installed);
}

/** `vs`: the relevant verdicts (relevantVerdicts). */
export function systemNeeds(input: PlanInput, plan: InstallPlan, vs: readonly Verdict[]): SystemNeeds {
  const { options } = input;
  const compiles = {
    glibc: vs.filter((v) => v.glibc === 'compile'),
    musl: vs.filter((v) => v.musl === 'compile'),
  };
  const git = plan.needsGit ? ['git'] : [];
  const ssh = plan.needsSsh ? SSH_CLIENT : { apt: [], apk: [] };
  return {
    compiles: { glibc: compiles.glibc.map((v) => v.name), musl: compiles.musl.map((v) => v.name) },
    cannotInstall: {
      glibc: vs.filter((v) => v.glibc === 'none').map((v) => v.name),
      musl: vs.filter((v) => v.musl === 'none').map((v) => v.name),
    },
    unknown: {
      glibc: vs.filter((v) => v.glibc === 'unknown').map((v) => v.name),
      musl: vs.filter((v) => v.musl === 'unknown').map((v) => v.name),
    },
    build: {
      apt: sortedUnique([
        ...(compiles.glibc.length ? ['build-essential'] : []),
        ...compiles.glibc.flatMap((v) => v.buildPackages.apt),
        ...options.buildPackages.apt,
        ...git,
        ...ssh.apt,
      ]),
      apk: sortedUnique([
        ...(compiles.musl.length ? ['build-base'] : []),
        ...compiles.musl.flatMap((v) => v.buildPackages.apk),
        ...options.buildPackages.apk,
        ...git,
        ...ssh.apk,
      ]),
    },
    runtime: {
      apt: sortedUnique([...vs.flatMap((v) => v.runtimePackages.apt), ...options.runtimePackages.apt]),
      apk: sortedUnique([...vs.flatMap((v) => v.runtimePackages.apk), ...options.runtimePackages.apk]),
    },
  };
}
