import { listNames } from '../names.js';
import { evaluateMarker, linuxMarkerEnv } from '../pep/marker.js';
import { pinnedVersion } from '../pep/pep440.js';
import { formatControl } from '../project/format-control.js';
import { runtimeDependencies } from '../project/groups.js';
import { normalizeName } from '../project/normalize.js';
import type { Project } from '../project/types.js';
import { redactUrl } from './index-client.js';
import { isIndexUnavailable } from './index-unavailable.js';
import { judge, type Lookup, type Request } from './judge.js';
import { nativeEntry, pureEntry } from './knowledge-table.js';
import { olderThan } from './table-verdict.js';
import type { IndexClient, Target, Verdict } from './types.js';

/** How many unjudged packages a note names before it counts the rest. */

export interface AnalyseOptions {
  index?: IndexClient;
  target: Target;
  offline: boolean;
  /** Also judge the native packages that dependencies pull in (pandas → numpy). Default true. */
  transitive?: boolean;
}

export interface Analysis {
  verdicts: Verdict[];
  notes: string[];
}

/** The runtime dependencies to judge, each name once; `seen` gets their names. */
function requestsFor(project: Project, target: Target, notes: string[], seen: Set<string>): Request[] {
  const env = linuxMarkerEnv(target.python, target.arch);
  const out: Request[] = [];
  // Dev groups and extras nobody asked for are not in the image.
  for (const dep of runtimeDependencies(project)) {
    const name = normalizeName(dep.name);
    if (seen.has(name)) continue;
    if (evaluateMarker(dep.marker, env) === false) {
      notes.push(
        `${name}: skipped, its marker (${dep.marker}) is false on Linux with Python ${target.python}`,
      );
      continue;
    }
    seen.add(name);
    const from = dep.vcsUrl ? 'vcs' : dep.localPath ? 'local' : dep.url ? 'url' : 'index';
    const req: Request = { name, specifier: dep.specifier, from, extras: dep.extras };
    const pin = dep.locked?.version ?? pinnedVersion(dep.specifier);
    if (pin) req.pin = pin;
    if (dep.url) req.url = dep.url;
    out.push(req);
  }
  return out;
}

/**
 * Native packages that the requests pull in (table knowledge), breadth first, each once. `known`:
 * the names already requested (requestsFor's set, not a second one of 100,000); what is pulled in
 * is added to it.
 */
function pulledIn(direct: Request[], known: Set<string>): Request[] {
  const out: Request[] = [];
  // The queue is the direct requests, then what they pull in (`out`), read by position: no
  // wrapper per request, and no shift(), which moves the whole array (quadratic on 100,000 lines).
  // What a pulled-in package pulls is labelled by the direct one (its `via`).
  for (let next = 0; next < direct.length + out.length; next++) {
    const req = next < direct.length ? direct[next]! : out[next - direct.length]!;
    const label = req.via ?? req.name;
    const { name, extras = [] } = req;
    const entry = nativeEntry(name) ?? pureEntry(name);
    if (!entry) continue;
    // pydantic<2 does not depend on pydantic-core: the versions it may get decide.
    const pulledBy = (p: string) => {
      const since = entry.pullsSince?.[p];
      return since === undefined || !olderThan(since, req.pin, req.specifier);
    };
    const pulls = (entry.pulls ?? []).filter(pulledBy).map((p) => ({ p, via: label }));
    for (const extra of extras.map(normalizeName)) {
      for (const p of entry.extras?.[extra] ?? []) pulls.push({ p, via: `${name}[${extra}]` });
    }
    for (const { p, via } of pulls) {
      if (known.has(p)) continue;
      known.add(p);
      const pulled: Request = { name: p, specifier: '', from: 'index', via };
      out.push(pulled);
    }
  }
  return out;
}

/**
 * One verdict per runtime dependency (and, unless `transitive: false`, per native package they
 * pull in), from the index's real files when it answers and from the built-in table otherwise.
 */
export async function analyse(project: Project, opts: AnalyseOptions): Promise<Analysis> {
  const notes: string[] = [];
  const names = new Set<string>();
  const direct = requestsFor(project, opts.target, notes, names);
  const requests = opts.transitive === false ? direct : [...direct, ...pulledIn(direct, names)];
  // --no-binary / --only-binary hold for every package pip takes from an index, pulled-in ones too.
  const formatsOf = formatControl(project.index.formats ?? []);
  for (const req of requests) {
    const formats = formatsOf(req.name);
    if (formats && req.from === 'index') req.formats = formats;
  }
  const index = opts.offline ? undefined : opts.index;
  const label = index ? redactUrl(index.url) : 'the index';
  const failures: string[] = [];

  const lookup = async (req: Request): Promise<Lookup> => {
    if (!index || req.from !== 'index') return { state: 'not-asked' };
    try {
      const files = await index.files(req.name);
      return files ? { state: 'files', files } : { state: 'absent' };
    } catch (e) {
      if (!isIndexUnavailable(e)) throw e;
      failures.push(e.detail);
      return { state: 'unavailable' };
    }
  };
  const notAsked: Lookup = { state: 'not-asked' };
  // Without an index nothing waits: no promise per request (100,000 of them are felt).
  const verdicts = index
    ? await Promise.all(requests.map(async (req) => judge(req, await lookup(req), opts.target, label)))
    : requests.map((req) => judge(req, notAsked, opts.target, label));

  if (opts.offline) notes.push('offline: verdicts from the built-in table (no index asked)');
  else if (!opts.index) notes.push('no package index given: verdicts from the built-in table');
  else if (failures.length > 0) {
    const scope =
      failures.length < requests.filter((r) => r.from === 'index').length
        ? ` for ${failures.length} packages`
        : '';
    notes.push(`index ${label} unreachable (${failures[0]}): verdicts from the built-in table${scope}`);
  }
  const unknown = verdicts.filter((v) => v.glibc === 'unknown' && v.musl === 'unknown').map((v) => v.name);
  if (unknown.length > 0) {
    notes.push(`no verdict for ${listNames(unknown)}: nothing tells whether they need a compiler`);
  }
  return { verdicts, notes };
}
