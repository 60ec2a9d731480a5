import { headerPackages, missingHeaders } from '../analysis/header-packages.js';
import { sonamePackages } from '../analysis/soname-packages.js';
import type { SystemPackages } from '../analysis/types.js';
import type { Result } from '../race/types.js';
import type { Options, StrategyId } from '../strategies/types.js';

export interface Repair {
  /** 'build': headers were missing in the builder; 'runtime': the library audit found sonames missing. */
  kind: 'build' | 'runtime';
  /** Debian and Alpine packages that provide what was missing. */
  apt: string[];
  apk: string[];
  /** The headers or sonames that were missing. */
  missing: string[];
}

function known(kind: Repair['kind'], missing: string[], lookup: (m: string) => SystemPackages | undefined) {
  const found = missing.map(lookup);
  // The Debian side decides: a name without an apt package there is not a repair we can race.
  if (missing.length === 0 || found.some((p) => !p?.apt.length)) return undefined;
  const all = (f: keyof SystemPackages) => [...new Set(found.flatMap((p) => p?.[f] ?? []))];
  return { kind, apt: all('apt'), apk: all('apk'), missing };
}

/**
 * What would fix a failed candidate, when the failure names it and every name maps to a known
 * package: a build that stopped on a missing header, or an image whose library audit found
 * sonames missing. Undefined otherwise: then the user has to say (the wizard asks).
 */
export function repairFor(r: Result): Repair | undefined {
  if (r.failedAt === 'build') return known('build', missingHeaders(r.logTail), headerPackages);
  if (r.failedAt === 'timeout' || r.failedAt === 'cancelled') return undefined;
  const sonames = [...new Set(r.missingLibraries.map((m) => m.soname))];
  return known('runtime', sonames, sonamePackages);
}

export function withRepair(options: Options, repair: Repair): Options {
  const key = repair.kind === 'build' ? 'buildPackages' : 'runtimePackages';
  const add = (have: string[], more: string[]) => [...new Set([...have, ...more])];
  return {
    ...options,
    [key]: { apt: add(options[key].apt, repair.apt), apk: add(options[key].apk, repair.apk) },
  };
}

/**
 * The repairs of one round. BuildKit runs a stage shared by two candidates once, so only one of
 * them gets the compiler's output; the other failed on the same command (same error), and the
 * same repair applies to it.
 */
export function repairsForRound(results: readonly Result[]): Map<StrategyId, Repair> {
  const own = new Map<StrategyId, Repair>();
  const byError = new Map<string, Repair>();
  for (const r of results) {
    const repair = repairFor(r);
    if (!repair) continue;
    own.set(r.id, repair);
    if (r.failedAt === 'build' && r.error) byError.set(r.error, repair);
  }
  for (const r of results) {
    const shared = r.failedAt === 'build' && r.error ? byError.get(r.error) : undefined;
    if (!own.has(r.id) && shared) own.set(r.id, shared);
  }
  return own;
}
