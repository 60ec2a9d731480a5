import type { AllowedFormats } from '../project/format-control.js';
import { normalizeName } from '../project/normalize.js';
import { type NativeEntry, nativeEntry, type PureEntry, pureEntry } from './knowledge-table.js';
import { systemPackages, tableAvailability } from './table-verdict.js';
import type { Availability, IndexFile, Libc, Target, Verdict } from './types.js';
import { type Decision, decide, parseWheelName, wheelFits } from './wheel-tags.js';

/** One thing to judge: a dependency of the project, or one that a dependency pulls in. */
export interface Request {
  name: string;
  specifier: string;
  pin?: string;
  via?: string;
  /** Extras asked for (`uvicorn[standard]`): they may pull native packages in. */
  extras?: string[];
  /** How it is installed: from an index, or built from a local path / VCS checkout / direct URL. */
  from: 'index' | 'local' | 'vcs' | 'url';
  url?: string;
  /** Set when --no-binary / --only-binary restrict which files pip may take for it. */
  formats?: AllowedFormats;
}

/** What the index said about one project. */
export type Lookup =
  | { state: 'files'; files: IndexFile[] }
  | { state: 'absent' }
  | { state: 'unavailable' }
  | { state: 'not-asked' };

interface Known {
  native?: NativeEntry;
  pure?: PureEntry;
}

function tableSide(k: Known, libc: Libc, req: Request): Availability {
  const a = k.native
    ? tableAvailability(k.native, libc, req.pin, req.specifier)
    : k.pure
      ? 'pure'
      : 'unknown';
  const f = req.formats;
  if (!f) return a;
  // No wheels: a pure package builds from its sdist without a compiler, anything else compiles.
  if (!f.binary && (a === 'wheel' || a === 'pure')) return k.pure || k.native?.pure ? 'pure' : 'compile';
  // Wheels only: what the table says compiles cannot be installed at all.
  if (!f.source && a === 'compile') return 'none';
  return a;
}

/** What the option means for this package, for the plan. */
function formatsReason(f: AllowedFormats): string {
  return f.binary
    ? `${f.option}: pip takes wheels only, it never builds the sdist`
    : `${f.option}: pip builds it from the sdist, it never takes a wheel`;
}

function tableReason(k: Known): string | undefined {
  return k.native?.reason ?? k.pure?.reason;
}

const NO_TRAPS: string[] = Object.freeze([]) as never;

/** The table's traps and the judgement's; one frozen empty list when there are none (the usual case). */
function traps(table: string[] | undefined, found: string[] | undefined): string[] {
  return table?.length || found?.length ? [...(table ?? []), ...(found ?? [])] : NO_TRAPS;
}

function verdict(
  req: Request,
  k: Known,
  glibc: Availability,
  musl: Availability,
  rest: Partial<Verdict>,
): Verdict {
  // psycopg[binary]: the binary package's wheel carries libpq, so the system one is not needed.
  const bundledBy = k.native?.runtimeBundledBy;
  const bundled = bundledBy && (req.extras ?? []).some((x) => bundledBy.includes(normalizeName(x)));
  const { buildPackages, runtimePackages } = systemPackages(
    bundled ? { ...k.native!, runtime: undefined } : k.native,
    glibc,
    musl,
  );
  // Every field written out, no spread: V8 gave the literal with a spread room for seven fields
  // in the object, and the eighth a property array of its own (4 MB for 100,000 verdicts).
  const v: Verdict = {
    name: req.name,
    glibc,
    musl,
    buildPackages,
    runtimePackages,
    reason: rest.reason ?? '',
    source: rest.source ?? 'table',
    traps: traps(k.native?.traps ?? k.pure?.traps, rest.traps),
  };
  if (req.via) v.via = req.via;
  if (req.formats) {
    v.formats = req.formats.option;
    v.reason = `${v.reason}; ${formatsReason(req.formats)}`;
  }
  const version = rest.version ?? req.pin;
  if (version) v.version = version;
  return v;
}

/** Local paths, VCS checkouts and sdist URLs are always built in the builder. */
function fromSource(req: Request, k: Known): Verdict {
  const how =
    req.from === 'vcs'
      ? 'VCS dependency: built from source in the builder (which needs git)'
      : req.from === 'url'
        ? 'direct URL to a source archive: built from source in the builder'
        : 'local path: built from source in the builder';
  const extra = req.from === 'vcs' ? { apt: ['git'], apk: ['git'] } : { apt: [], apk: [] };
  const side: Availability = k.pure || k.native?.pure ? 'pure' : k.native ? 'compile' : 'unknown';
  const v = verdict(req, k, side, side, { reason: tableReason(k) ? `${how}; ${tableReason(k)}` : how });
  v.buildPackages = {
    apt: [...v.buildPackages.apt, ...extra.apt],
    apk: [...v.buildPackages.apk, ...extra.apk],
  };
  return v;
}

function directWheel(req: Request, k: Known, target: Target): Verdict {
  const filename = decodeURIComponent(req.url!.split(/[?#]/)[0]!.split('/').pop()!);
  const wheel = parseWheelName(filename)!;
  const side = (libc: Libc): Availability => wheelFits(wheel, { ...target, libc }) ?? 'unknown';
  const [g, m] = [side('glibc'), side('musl')];
  const misfit =
    g === 'unknown' || m === 'unknown'
      ? `; ${filename} does not fit every platform: pip refuses it there`
      : '';
  return verdict(req, k, g, m, { reason: `direct wheel URL ${filename}${misfit}`, version: wheel.version });
}

function indexReason(g: Decision, m: Decision): string {
  return g.why === m.why ? `index: ${g.why}` : `index: glibc ${g.why}; musl ${m.why}`;
}

const UNKNOWN = 'not in the built-in table';
// One string, not one joined per verdict: offline, 100,000 unknown packages share this reason.
const UNKNOWN_UNASKED = `${UNKNOWN} and no index answer to check its wheels`;

/** The verdict for one request, from the index's files when there are some and the table otherwise. */
export function judge(req: Request, lookup: Lookup, target: Target, indexLabel: string): Verdict {
  const k: Known = { native: nativeEntry(req.name), pure: pureEntry(req.name) };
  if (req.from === 'url' && req.url && /\.whl([?#]|$)/i.test(req.url)) return directWheel(req, k, target);
  if (req.from !== 'index') return fromSource(req, k);

  const tableG = tableSide(k, 'glibc', req);
  const tableM = tableSide(k, 'musl', req);
  const known = tableReason(k);
  /** The table's verdict: its reason and why the index did not decide, or `unknownReason` for a package it does not know. */
  const fallback = (why: string, unknownReason: string, traps: string[] = []) =>
    verdict(req, k, tableG, tableM, {
      reason: known ? `${known}${why ? ` (${why})` : ''}` : unknownReason,
      traps,
    });

  if (lookup.state === 'absent')
    return fallback(`not on ${indexLabel}`, `${UNKNOWN} and not on ${indexLabel}`, [
      `${req.name} is not on ${indexLabel}: pip fails unless another index or --find-links provides it`,
    ]);
  if (lookup.state !== 'files') return fallback('', UNKNOWN_UNASKED);

  const opts = { pin: req.pin, specifier: req.specifier, formats: req.formats };
  const g = decide(req.name, lookup.files, { ...target, libc: 'glibc' }, opts);
  const m = decide(req.name, lookup.files, { ...target, libc: 'musl' }, opts);
  if (g.availability === 'unknown' && m.availability === 'unknown') {
    const traps = g.pinMissing
      ? [
          `${req.name} ${req.pin} is not on ${indexLabel}: pip fails unless another index or --find-links provides it`,
        ]
      : [];
    return fallback(`index: ${g.why}`, `${UNKNOWN} and the index gives no answer: ${g.why}`, traps);
  }

  // A known pure package with only an sdist still needs no compiler.
  const settle = (d: Decision, table: Availability): Availability =>
    d.availability === 'unknown'
      ? table
      : d.availability === 'compile' && k.pure && d.file
        ? 'pure'
        : d.availability;
  return verdict(req, k, settle(g, tableG), settle(m, tableM), {
    reason: known ? `${indexReason(g, m)}. ${known}` : indexReason(g, m),
    source: 'index',
    version: g.version ?? m.version,
  });
}
