import { packageForSoname } from '../analysis/soname-packages.js';
import type { Result } from '../race/types.js';
import type { Options } from '../strategies/types.js';

export interface Repair {
  /** Debian and Alpine packages that provide the missing libraries. */
  apt: string[];
  apk: string[];
  sonames: string[];
}

/**
 * What a candidate that failed only its library audit needs at run time, when every missing
 * soname maps to a known package. Undefined when it failed otherwise, or a soname is unknown:
 * then the user has to say (the wizard asks for runtime packages).
 */
export function repairFor(r: Result): Repair | undefined {
  if (r.missingLibraries.length === 0 || r.failedAt === 'build' || r.failedAt === 'timeout' || r.failedAt === 'cancelled') {
    return undefined;
  }
  const sonames = [...new Set(r.missingLibraries.map((m) => m.soname))];
  const apt = sonames.map((s) => packageForSoname(s, 'apt'));
  const apk = sonames.map((s) => packageForSoname(s, 'apk'));
  if (apt.some((p) => p === undefined)) return undefined;
  return {
    apt: [...new Set(apt as string[])],
    apk: [...new Set(apk.filter((p): p is string => p !== undefined))],
    sonames,
  };
}

export function withRuntimePackages(options: Options, repair: Repair): Options {
  const add = (have: string[], more: string[]) => [...new Set([...have, ...more])];
  return {
    ...options,
    runtimePackages: {
      apt: add(options.runtimePackages.apt, repair.apt),
      apk: add(options.runtimePackages.apk, repair.apk),
    },
  };
}
