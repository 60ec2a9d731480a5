import type { Options } from '../types.js';
import { bareUrl, credentialCarrier, indexUrls, NETRC_MOUNT, NETRC_SECRET, netrcFor } from './credentials.js';
import { argLine, comment, copyLine } from './escape.js';
import type { InstallPlan } from './install-plan.js';
import { run, wrap } from './lines.js';
import { SSH_MOUNTS, SSH_NOTE } from './ssh.js';

const PIP_CACHE = 'type=cache,target=/root/.cache/pip';

function hostOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' ? u.host : undefined;
  } catch {
    return undefined;
  }
}

/** The index settings as written in the Dockerfile: bare URLs (no password), trusted plain-http hosts. */
function indexDefaults(options: Options): Record<string, string> {
  const out: Record<string, string> = {};
  if (options.indexUrl) out.PIP_INDEX_URL = bareUrl(options.indexUrl);
  if (options.extraIndexUrls.length) out.PIP_EXTRA_INDEX_URL = options.extraIndexUrls.map(bareUrl).join(' ');
  for (const n of options.namedIndexes ?? []) out[n.arg] = bareUrl(n.url);
  // Plain-http indexes (a local devpi, 127.0.0.1) must be trusted explicitly.
  const hosts = [
    ...new Set(
      indexUrls(options)
        .map(hostOf)
        .filter((h): h is string => h !== undefined),
    ),
  ];
  if (hosts.length) out.PIP_TRUSTED_HOST = hosts.join(' ');
  return out;
}

/**
 * The index reaches pip through ARGs, never ENV (an ENV stays in the image). Each ARG defaults to
 * its bare value, so a plain `docker build .` installs from the same index the race used; a
 * password is never in this file (see credentials.ts for how it travels).
 */
export function indexArgLines(options: Options): string[] {
  return Object.entries(indexDefaults(options)).map(([k, v]) => argLine(k, v));
}

/**
 * The build args the build command passes: only the full URLs, when the classic builder carries
 * a password that way (otherwise the ARG defaults say everything; undefined: nothing to pass).
 */
export function buildArgs(options: Options): Record<string, string> | undefined {
  if (credentialCarrier(options) !== 'build-arg') return undefined;
  const named = options.namedIndexes ?? [];
  const args: Record<string, string> = {};
  for (const n of named) args[n.arg] = n.url;
  if (options.indexUrl) args.PIP_INDEX_URL = options.indexUrl;
  if (options.extraIndexUrls.length) args.PIP_EXTRA_INDEX_URL = options.extraIndexUrls.join(' ');
  return args;
}

/** The BuildKit secrets a build mounts: the netrc with the index credentials (undefined: none). */
export function buildSecrets(options: Options): Record<string, string> | undefined {
  if (credentialCarrier(options) !== 'secret') return undefined;
  const netrc = netrcFor(indexUrls(options));
  return netrc && 'content' in netrc ? { [NETRC_SECRET]: netrc.content } : undefined;
}

/** Mounts for a pip RUN: pip's download cache (BuildKit, never in a layer), the index's netrc secret. */
export function pipMounts(options: Options): string[] {
  return [
    ...(options.cacheMounts ? [PIP_CACHE] : []),
    ...(credentialCarrier(options) === 'secret' ? [NETRC_MOUNT] : []),
  ];
}

/** `python -m pip VERB ...`; without a cache mount pip's cache would land in the layer. */
export function pipCommand(
  python: string,
  verb: 'install' | 'wheel',
  options: Options,
  flags: string[],
  args: string[],
): string {
  const cache = options.cacheMounts ? [] : ['--no-cache-dir'];
  return wrap(`${python} -m pip ${[verb, ...cache, ...flags].join(' ')}`, args);
}

/** COPY of what the dependency install reads, grouped by folder so paths keep their layout. */
export function depsCopyLines(plan: InstallPlan): string[] {
  const byDir = new Map<string, string[]>();
  const dirs: string[] = [];
  for (const p of plan.copyFirst) {
    if (/\.(txt|in)$/.test(p)) {
      const dir = p.includes('/') ? `${p.slice(0, p.lastIndexOf('/'))}/` : './';
      byDir.set(dir, [...(byDir.get(dir) ?? []), p]);
    } else dirs.push(p);
  }
  return [
    ...[...byDir.entries()].map(([dir, files]) => copyLine(files, dir)),
    // A local path dependency: copied where the requirement points.
    ...dirs.map((d) => copyLine([d], d)),
  ];
}

export interface DepsBlock {
  python: string;
  plan: InstallPlan;
  options: Options;
  verb: 'install' | 'wheel';
  flags: string[];
  /** The app COPY line, used here when the install needs the whole project first. */
  copyAll: string;
  /** Wraps the pip commands into the RUN (build deps installed and purged, trimming). */
  around?: (pip: string[]) => string[];
  /** Comment lines right above the install RUN. */
  note?: string[];
}

/**
 * ARGs, the COPY of the dependency manifest and the install RUN — before the app code, so
 * editing the app does not re-run the install. `copiedAll` says the app COPY already happened.
 */
export function depsBlock(b: DepsBlock): { lines: string[]; copiedAll: boolean } {
  const { plan, options } = b;
  if (plan.args.length === 0 && !plan.also?.length && !plan.indexed?.length)
    return { lines: [], copiedAll: false };
  const around = b.around ?? ((pip: string[]) => pip);
  const flags = [...b.flags, ...(plan.formatFlags ?? [])];
  const lines = [...indexArgLines(options)];
  if (plan.copyAllFirst) {
    lines.push(
      '# The requirements install the project itself, so its code comes first (less layer caching).',
    );
    lines.push(b.copyAll);
  } else lines.push(...depsCopyLines(plan));
  lines.push(...comment([...(plan.note ?? []), ...(plan.needsSsh ? SSH_NOTE : []), ...(b.note ?? [])]));
  // Packages pinned to a named index first, from that index only: the rest then finds them installed.
  const indexed = (plan.indexed ?? []).map((x) =>
    pipCommand(b.python, b.verb, options, [...flags, `--index-url="$${x.arg}"`], x.args),
  );
  const pips = [
    ...indexed,
    ...[plan.args, plan.also ?? []]
      .filter((a) => a.length > 0)
      .map((a) => pipCommand(b.python, b.verb, options, flags, a)),
  ];
  lines.push(run(around(pips), [...pipMounts(options), ...(plan.needsSsh ? SSH_MOUNTS : [])]));
  return { lines, copiedAll: plan.copyAllFirst };
}

/** Where a single-stage build sees the project: a bind mount of the context, for one RUN only. */
export const PROJECT_MOUNT = '/tmp/project';

/**
 * The project itself built into a wheel and installed (pip builds the wheel, then installs it).
 * In a builder it follows `COPY . .`; in a single stage (`mounted`) the build context is lent
 * to this RUN by a read-write bind mount (writes are thrown away), so no layer holds the source.
 */
export function selfInstall(b: DepsBlock, mounted = false): string {
  const around = b.around ?? ((pip: string[]) => pip);
  const noDeps = [...(b.plan.self === 'no-deps' ? ['--no-deps'] : []), ...(b.plan.formatFlags ?? [])];
  const target = mounted ? PROJECT_MOUNT : '.';
  const mounts = mounted ? [`type=bind,target=${PROJECT_MOUNT},rw`] : [];
  return run(around([pipCommand(b.python, b.verb, b.options, [...noDeps, ...b.flags], [target])]), [
    ...mounts,
    ...pipMounts(b.options),
  ]);
}
