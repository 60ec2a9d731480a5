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

const LIBCS: readonly Libc[] = ['glibc', 'musl'];

/** `vs`: the relevant verdicts (relevantVerdicts), sorted out in one pass (100,000 happen). */
export function systemNeeds(input: PlanInput, plan: InstallPlan, vs: readonly Verdict[]): SystemNeeds {
  const { options } = input;
  const byLibc = <T>(): Record<Libc, T[]> => ({ glibc: [], musl: [] });
  const compiles = byLibc<Verdict>();
  const cannotInstall = byLibc<string>();
  const unknown = byLibc<string>();
  const runtime = { apt: [...options.runtimePackages.apt], apk: [...options.runtimePackages.apk] };
  for (const v of vs) {
    for (const libc of LIBCS) {
      const a = v[libc];
      if (a === 'compile') compiles[libc].push(v);
      else if (a === 'none') cannotInstall[libc].push(v.name);
      else if (a === 'unknown') unknown[libc].push(v.name);
    }
    for (const p of v.runtimePackages.apt) runtime.apt.push(p);
    for (const p of v.runtimePackages.apk) runtime.apk.push(p);
  }
  const git = plan.needsGit ? ['git'] : [];
  const ssh = plan.needsSsh ? SSH_CLIENT : { apt: [], apk: [] };
  return {
    compiles: { glibc: compiles.glibc.map((v) => v.name), musl: compiles.musl.map((v) => v.name) },
    cannotInstall,
    unknown,
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
    runtime: { apt: sortedUnique(runtime.apt), apk: sortedUnique(runtime.apk) },
  };
}
