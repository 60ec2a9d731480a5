import { compareVersions, satisfies } from '../pep/pep440.js';
import type { NativeEntry } from './knowledge-table.js';
import type { Availability, Libc, SystemPackages } from './types.js';

/** When nothing else is known but something compiles: at least a C compiler. */
export const GENERIC_BUILD: SystemPackages = { apt: ['gcc', 'libc6-dev'], apk: ['gcc', 'musl-dev'] };

/** Whether the versions a dependency may get all predate `since` (a pin, or an upper bound). */
export function olderThan(since: string, pin: string | undefined, specifier: string): boolean {
  if (pin) {
    return (compareVersions(pin, since) ?? 0) < 0;
  }
  // Only upper bounds can rule the newer releases out: `<1.25`, `<=1.24.4`, `~=1.21.0`, `==1.24.*`.
  const upper = specifier
    .split(',')
    .filter((c) => /^\s*(<|<=|~=|==)/.test(c))
    .join(',');
  return upper !== '' && !satisfies(since, upper);
}

/** The table's availability for one libc, for the version range the dependency allows. */
export function tableAvailability(
  entry: NativeEntry,
  libc: Libc,
  pin: string | undefined,
  specifier: string,
): Availability {
  if (entry.pure) return 'pure';
  const wheels =
    libc === 'glibc'
      ? entry.manylinux
      : entry.musllinux && !(entry.musllinuxSince && olderThan(entry.musllinuxSince, pin, specifier));
  if (wheels) return 'wheel';
  if (entry.pureWheel) return 'pure';
  return entry.sourceBuild === false ? 'none' : 'compile';
}

const NONE: SystemPackages = Object.freeze({ apt: Object.freeze([]), apk: Object.freeze([]) }) as never;
/**
 * What a package the table does not know needs when nothing compiles: nothing. One frozen value
 * for all of them (a plan of 100,000 unknown names held four empty arrays each); verdicts are
 * never changed in place.
 */
const NOTHING = Object.freeze({ buildPackages: NONE, runtimePackages: NONE });

/** Build packages where something compiles, runtime packages always plus the compiled-only ones. */
export function systemPackages(
  entry: NativeEntry | undefined,
  glibc: Availability,
  musl: Availability,
): { buildPackages: SystemPackages; runtimePackages: SystemPackages } {
  if (!entry && glibc !== 'compile' && musl !== 'compile') return NOTHING;
  const build = entry?.build.apt.length || entry?.build.apk.length ? entry.build : GENERIC_BUILD;
  const runtime = entry?.runtime ?? { apt: [], apk: [] };
  const ifCompiled = entry?.runtimeIfCompiled ?? { apt: [], apk: [] };
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    buildPackages: {
      apt: glibc === 'compile' ? uniq(build.apt) : [],
      apk: musl === 'compile' ? uniq(build.apk) : [],
    },
    runtimePackages: {
      apt: uniq([...runtime.apt, ...(glibc === 'compile' ? ifCompiled.apt : [])]),
      apk: uniq([...runtime.apk, ...(musl === 'compile' ? ifCompiled.apk : [])]),
    },
  };
}
