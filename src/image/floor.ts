import { type Area, placeFile } from './file-areas.js';
import type { ImageFs } from './image-fs.js';
import type { Usage, UsedFile } from './usage.js';

/**
 * The floor measured from the app itself: the bytes of the files the running app really used
 * (usage.ts), taken in the smoke container of the largest passing candidate, so that nothing a
 * smaller image might lack is missing from it. Every candidate is shown as × that floor, with the
 * largest parts it ships that the app never touched.
 */

/** A part of the used bytes: what, how many bytes, how many files. */
export interface FloorSource {
  what: string;
  bytes: number;
  files: number;
}

export interface UsedSummary {
  /** Bytes of the files used, bytecode aside (a .pyc is a cache of a source counted here). */
  usedBytes: number;
  /** The used bytes by kind, largest first. */
  sources: FloorSource[];
}

export interface Floor extends UsedSummary {
  /** The same as usedBytes (the name the JSON had before the floor was measured). */
  bytes: number;
  /** The candidate whose smoke container it was measured in. */
  measuredIn: string;
}

/** One part of a candidate above the floor: how many bytes, and what they are. */
export interface AboveFloor {
  bytes: number;
  what: string;
}

/** What one candidate's image holds beyond what its app used. */
export interface Untouched {
  /** Bytes of every regular file in the exported image. */
  filesBytes: number;
  /** Files never touched, by part; and the bytecode that was loaded. Largest first. */
  parts: AboveFloor[];
}

function usedSource(f: UsedFile, workdir: string): string | undefined {
  if (f.kind === 'interpreter') return 'the interpreter and libpython';
  if (f.kind === 'bytecode') return undefined;
  const { area } = placeFile(f.path, workdir);
  const python = area === 'stdlib' || area === 'packages' || area === 'app';
  if (f.kind === 'shared') return python ? 'C extensions loaded' : 'system libraries mapped';
  if (f.kind === 'module' && python)
    return area === 'stdlib'
      ? 'stdlib modules imported'
      : area === 'app'
        ? "the app's modules"
        : "installed packages' modules imported";
  return 'data files read (certificates, time zones, locale, package data)';
}

export function summariseUsage(usage: Usage, workdir: string): UsedSummary {
  const by = new Map<string, FloorSource>();
  for (const f of usage.files) {
    const what = usedSource(f, workdir);
    if (!what) continue;
    const s = by.get(what) ?? { what, bytes: 0, files: 0 };
    s.bytes += f.bytes;
    s.files += 1;
    by.set(what, s);
  }
  const sources = [...by.values()].sort((a, b) => b.bytes - a.bytes);
  return { usedBytes: sources.reduce((a, s) => a + s.bytes, 0), sources };
}

/** The floor: the used bytes of the largest passing candidate that recorded them. */
export function computeFloor(
  candidates: { id: string; sizeBytes: number; used?: UsedSummary }[],
): Floor | undefined {
  const largest = candidates
    .filter((c): c is typeof c & { used: UsedSummary } => c.used !== undefined && c.used.usedBytes > 0)
    .sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
  if (!largest) return undefined;
  return { ...largest.used, bytes: largest.used.usedBytes, measuredIn: largest.id };
}

const NEVER: Record<Area, string> = {
  bytecode: 'bytecode never loaded',
  packages: 'installed packages never imported or read',
  stdlib: 'stdlib never imported',
  app: "the app's files never imported or read",
  toolchain: 'compilers, headers and static libraries',
  locale: 'locale data never read',
  docs: 'documentation (doc, man, info)',
  zoneinfo: 'time zone data never read',
  'package-manager': 'package manager and perl (apt, dpkg)',
  shared: 'shared libraries never loaded',
  programs: 'programs never run (shell, coreutils...)',
  other: 'other files never read',
};

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** The three largest groups of an area, e.g. "(pip 9.1 MB, setuptools 4.2 MB, test 3.0 MB)". */
function largestGroups(groups: Map<string, number>): string {
  const top = [...groups.entries()]
    .filter(([g, b]) => g !== '' && b >= 100_000)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  return top.length ? ` (${top.map(([g, b]) => `${g} ${mb(b)}`).join(', ')})` : '';
}

/** The image's files the app never touched, by part, plus the bytecode it did load. */
export function untouchedParts(fs: ImageFs, usage: Usage, workdir: string): Untouched {
  const used = new Set(usage.files.map((f) => f.path));
  const areas = new Map<Area, { bytes: number; groups: Map<string, number> }>();
  let filesBytes = 0;
  for (const [path, e] of fs.entries) {
    if (e.type !== 'file' || !e.size) continue;
    filesBytes += e.size;
    if (used.has(path)) continue;
    const { area, group } = placeFile(path, workdir);
    const a = areas.get(area) ?? { bytes: 0, groups: new Map<string, number>() };
    a.bytes += e.size;
    a.groups.set(group, (a.groups.get(group) ?? 0) + e.size);
    areas.set(area, a);
  }
  const parts: AboveFloor[] = [...areas.entries()].map(([area, a]) => ({
    bytes: a.bytes,
    what: `${NEVER[area]}${area === 'bytecode' ? '' : largestGroups(a.groups)}`,
  }));
  const loaded = usage.files.filter((f) => f.kind === 'bytecode');
  if (loaded.length > 0) {
    parts.push({
      bytes: loaded.reduce((a, f) => a + f.bytes, 0),
      what: `bytecode start-up loaded (${loaded.length} .pyc files: what buys the cold start)`,
    });
  }
  return { filesBytes, parts: parts.sort((a, b) => b.bytes - a.bytes) };
}

/**
 * Why a candidate is above the floor, largest first: what it ships untouched, the bytecode it
 * loads, files it uses beyond the floor's, and bytes its layers hold but its filesystem does not
 * show (deleted or replaced by a later layer). Parts under 100 kB are left out.
 */
export function aboveFloor(
  c: { sizeBytes: number; used?: UsedSummary; untouched?: Untouched },
  floor: Floor,
): AboveFloor[] {
  const out = [...(c.untouched?.parts ?? [])];
  const usedExtra = (c.used?.usedBytes ?? 0) - floor.usedBytes;
  if (c.used && usedExtra > 0)
    out.push({ bytes: usedExtra, what: `files it uses beyond the floor's (${floor.measuredIn})` });
  const hidden = c.untouched ? c.sizeBytes - c.untouched.filesBytes : 0;
  if (hidden > 0)
    out.push({ bytes: hidden, what: 'bytes its layers hold that later layers deleted or replaced' });
  return out.filter((a) => a.bytes >= 100_000).sort((a, b) => b.bytes - a.bytes);
}
