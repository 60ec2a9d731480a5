import { canonicalVersion, compareVersions, isPrerelease, satisfies } from '../pep/pep440.js';
import { parseSdistName, parseWheelName, type SdistName, type WheelName } from './dist-filenames.js';
import type { Arch, Availability, IndexFile, Libc } from './types.js';

export { parseSdistName, parseWheelName, type SdistName, type WheelName };

/** The platform an image runs on. glibc 2.36 = Debian 12 (python:X-slim); musl 1.2 = Alpine 3.x. */
export interface Platform {
  python: string; // '3.12'
  libc: Libc;
  arch: Arch;
  glibc?: [number, number];
  musl?: [number, number];
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const seen = new Map<string, T>();
  return (k) => {
    if (!seen.has(k)) seen.set(k, f(k));
    return seen.get(k)!;
  };
}

function pythonMinor(python: string): number {
  return Number(python.split('.')[1] ?? 0);
}

/** Python/ABI tag pairs pip accepts for CPython 3.N (free-threaded builds `cp313t` excluded). */
function interpreterFits(pythons: string[], abis: string[], minor: number): 'binary' | 'generic' | undefined {
  const cp = `cp3${minor}`;
  let fit: 'binary' | 'generic' | undefined;
  for (const py of pythons) {
    for (const abi of abis) {
      if (py === cp && (abi === cp || abi === 'abi3' || abi === 'none')) fit = 'binary';
      else if (abi === 'abi3' && /^cp3\d+$/.test(py) && Number(py.slice(3)) <= minor) fit = 'binary';
      else if (abi === 'none' && (py === 'py3' || /^py3\d+$/.test(py)) && Number(py.slice(3) || 0) <= minor)
        fit ??= 'generic';
    }
  }
  return fit;
}

export function platformFits(tag: string, p: Platform): boolean {
  if (tag === 'any') return true;
  const arch = p.arch;
  if (!tag.endsWith(`_${arch}`)) return false;
  const head = tag.slice(0, -(arch.length + 1));
  if (head === 'linux') return true; // non-portable, but pip installs it (private indexes serve these)
  if (p.libc === 'glibc') {
    const [maj, min] = p.glibc ?? [2, 36];
    const legacy: Record<string, number> = { manylinux1: 5, manylinux2010: 12, manylinux2014: 17 };
    if (head in legacy)
      return maj === 2 && legacy[head]! <= min && (head !== 'manylinux1' || arch === 'x86_64');
    const m = /^manylinux_(\d+)_(\d+)$/.exec(head);
    return !!m && (Number(m[1]) < maj || (Number(m[1]) === maj && Number(m[2]) <= min));
  }
  const [maj, min] = p.musl ?? [1, 2];
  const m = /^musllinux_(\d+)_(\d+)$/.exec(head);
  return !!m && (Number(m[1]) < maj || (Number(m[1]) === maj && Number(m[2]) <= min));
}

/** What one wheel means on a platform: `pure` (any), `wheel` (binary) or undefined (does not fit). */
export function wheelFits(w: WheelName, p: Platform): 'pure' | 'wheel' | undefined {
  const interp = interpreterFits(w.pythons, w.abis, pythonMinor(p.python));
  if (!interp) return undefined;
  const plats = w.platforms.filter((t) => platformFits(t, p));
  if (plats.length === 0) return undefined;
  return plats.every((t) => t === 'any') && interp === 'generic' ? 'pure' : 'wheel';
}

export interface Decision {
  availability: Availability;
  /** The version judged (pinned, or the newest pip would pick). */
  version?: string;
  /** The file pip would use, when one fits. */
  file?: string;
  why: string;
  /** The pinned version is not on the index at all: pip will fail to resolve it. */
  pinMissing?: boolean;
}

export interface DecideOptions {
  /** Exact version to judge (a `==` pin or a lock file). */
  pin?: string;
  /** The dependency's own specifier, narrowing the versions pip may pick. */
  specifier?: string;
  /** --no-binary / --only-binary: which kinds of file pip may take (both when absent). */
  formats?: { binary: boolean; source: boolean };
}

function platformLabel(p: Platform): string {
  return `cp${p.python.replace('.', '')} ${p.libc === 'glibc' ? 'manylinux' : 'musllinux'} ${p.arch}`;
}

interface Parsed {
  file: IndexFile;
  parsed: WheelName | SdistName;
}

/**
 * Which file pip would install for `project` on `p`: the newest allowed version that has a fitting
 * wheel or an sdist; a fitting binary wheel beats a pure one beats building the sdist.
 */
export function decide(project: string, files: IndexFile[], p: Platform, opts: DecideOptions = {}): Decision {
  const label = platformLabel(p);
  if (files.length === 0) return { availability: 'unknown', why: 'the index lists no files' };
  // Big projects list thousands of files sharing a few specifiers and versions: memoise both.
  const pythonAllowed = memo((spec: string) => satisfies(`${p.python}.99`, spec));
  const keyOf = memo(canonicalVersion);
  const usable: Parsed[] = [];
  for (const file of files) {
    if (file.yanked && !opts.pin) continue; // pip only takes a yanked file when pinned exactly
    // The image gets the newest patch release of the minor version, hence .99.
    if (file.requiresPython && !pythonAllowed(file.requiresPython)) continue;
    const parsed = parseWheelName(file.filename) ?? parseSdistName(file.filename, project);
    if (parsed) usable.push({ file, parsed });
  }
  if (usable.length === 0)
    return {
      availability: 'unknown',
      why: `no file on the index allows Python ${p.python} (requires-python, yanked)`,
    };
  const byVersion = new Map<string, Parsed[]>();
  for (const u of usable) {
    const key = keyOf(u.parsed.version);
    const group = byVersion.get(key);
    if (group) group.push(u);
    else byVersion.set(key, [u]);
  }
  let versions = [...byVersion.keys()];
  if (opts.pin) {
    const pin = canonicalVersion(opts.pin);
    versions = versions.filter((v) => v === pin);
    if (versions.length === 0)
      return {
        availability: 'unknown',
        version: opts.pin,
        why: `version ${opts.pin} is not on the index`,
        pinMissing: true,
      };
  } else {
    const allowed = versions.filter((v) => satisfies(v, opts.specifier ?? ''));
    const finals = allowed.filter((v) => !isPrerelease(v));
    versions = finals.length > 0 ? finals : allowed;
    if (versions.length === 0)
      return { availability: 'unknown', why: `no version on the index matches ${opts.specifier}` };
  }
  versions.sort((a, b) => compareVersions(b, a) ?? 0);
  const binaryOk = opts.formats?.binary ?? true;
  const sourceOk = opts.formats?.source ?? true;
  for (const key of versions) {
    const group = byVersion.get(key)!;
    const version = group[0]!.parsed.version; // as the index spells it, for display
    let pure: Parsed | undefined;
    let sdist: Parsed | undefined;
    for (const g of group) {
      if (g.parsed.kind === 'sdist') {
        if (sourceOk) sdist ??= g;
      } else if (binaryOk) {
        const fit = wheelFits(g.parsed, p);
        if (fit === 'wheel')
          return {
            availability: 'wheel',
            version,
            file: g.file.filename,
            why: `${version}: wheel for ${label}`,
          };
        if (fit === 'pure') pure ??= g;
      }
    }
    if (pure)
      return {
        availability: 'pure',
        version,
        file: pure.file.filename,
        why: `${version}: pure-Python wheel`,
      };
    if (sdist)
      return {
        availability: 'compile',
        version,
        file: sdist.file.filename,
        why: binaryOk
          ? `${version}: no wheel for ${label}, builds from the sdist`
          : `${version}: builds from the sdist (wheels not allowed)`,
      };
  }
  const judged = opts.pin ?? byVersion.get(versions[0]!)?.[0]?.parsed.version;
  const what = !sourceOk
    ? `no wheel for ${label} (sdists not allowed)`
    : !binaryOk
      ? 'no sdist on the index (wheels not allowed)'
      : `no wheel for ${label} and no sdist on the index`;
  return {
    availability: 'none',
    version: judged,
    why: `${what}${judged ? ` (newest ${judged})` : ''}: pip cannot install it from there`,
  };
}
