import path from 'node:path';
import { type Source, UserError } from '../errors.js';
import { checkFormatValue } from './format-control.js';
import { displayPath, isFile, readText } from './read-text.js';
import { logicalLines } from './requirements-lines.js';
import { parseLine } from './requirements-syntax.js';
import type { Dependency, IndexSettings, ProjectFile } from './types.js';

/** What a requirements file (and everything it includes) contributes. */
export interface RequirementsResult {
  dependencies: Dependency[];
  /** `==` pins from `-c` constraint files, by normalised name. */
  pins: Map<string, { version: string; source: Source }>;
  index: IndexSettings;
  files: ProjectFile[];
  warnings: { message: string; source?: Source }[];
}

const MAX_READS = 200;

/** Reads `rel` (relative to root) and its -r/-c includes, pip-style. */
export async function readRequirements(root: string, rel: string): Promise<RequirementsResult> {
  const result: RequirementsResult = {
    dependencies: [],
    pins: new Map(),
    index: { extraIndexUrls: [], findLinks: [] },
    files: [],
    warnings: [],
  };
  await readOne(root, path.resolve(root, rel), false, [], result, undefined, { reads: 0 });
  result.dependencies = dedupe(result.dependencies);
  return result;
}

/** Reads a project's requirements files, each parsed once however many steps ask for it. */
export type RequirementsReader = (rel: string) => Promise<RequirementsResult>;

/**
 * One reader per scan: choosing the requirements file reads it, and so does collecting its
 * dependencies; a second parse of 100,000 lines would double the scan.
 */
export function requirementsReader(root: string): RequirementsReader {
  const read = new Map<string, Promise<RequirementsResult>>();
  return (rel) => {
    let result = read.get(rel);
    if (!result) {
      result = readRequirements(root, rel);
      read.set(rel, result);
    }
    return result;
  };
}

async function readOne(
  root: string,
  abs: string,
  constraint: boolean,
  chain: string[],
  out: RequirementsResult,
  from: Source | undefined,
  state: { reads: number },
): Promise<void> {
  const shown = displayPath(root, abs);
  if (chain.includes(abs)) {
    const names = [...chain.slice(chain.indexOf(abs)), abs].map((p) => displayPath(root, p));
    throw new UserError(
      `requirements files include each other in a cycle: ${names.join(' → ')}`,
      'remove one of the -r/-c lines that closes the cycle',
      from,
    );
  }
  // Counts reads, not files: diamond includes re-read a file, and could do so exponentially.
  state.reads += 1;
  if (state.reads > MAX_READS) {
    throw new UserError(
      `requirements files are included more than ${MAX_READS} times`,
      'simplify the -r/-c includes',
      from,
    );
  }
  const text = await readText(root, abs, from);
  if (!out.files.some((f) => f.path === shown)) {
    out.files.push({ path: shown, kind: constraint ? 'constraints' : 'requirements' });
  }
  const dir = path.dirname(abs);
  for (const line of logicalLines(text)) {
    const source = { file: shown, line: line.line };
    const items = parseLine(line, source, dir);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'include') {
        const target = item.value;
        if (/^https?:\/\//i.test(target)) {
          throw new UserError(
            `${item.constraint ? '-c' : '-r'} ${target}: including a file from a URL is not supported`,
            'download the file into the project and include it by path',
            source,
          );
        }
        const next = path.resolve(dir, target);
        if (!(await isFile(next))) {
          throw new UserError(
            `included file ${displayPath(root, next)} does not exist`,
            'fix the path (it is relative to the file that includes it) or remove the line',
            source,
          );
        }
        await readOne(root, next, item.constraint, [...chain, abs], out, source, state);
      } else if (item.kind === 'option') {
        applyOption(item.name, item.value, source, dir, root, out);
      } else {
        addRequirement(item.dep, constraint, dir, root, out);
      }
    }
  }
}

function applyOption(
  name: string,
  value: string,
  source: Source,
  dir: string,
  root: string,
  out: RequirementsResult,
) {
  const idx = out.index;
  if (name === 'index-url') idx.indexUrl = { value, source };
  else if (name === 'extra-index-url') idx.extraIndexUrls.push({ value, source });
  else if (name === 'find-links') {
    // A local folder is relative to the file; it must be copied into the build context too.
    const local = !/^[a-z][a-z0-9+.-]*:/i.test(value);
    idx.findLinks.push({ value: local ? displayPath(root, path.resolve(dir, value)) : value, source });
  } else if (name === 'no-index') idx.noIndex = source;
  else if (name === 'no-binary' || name === 'only-binary') {
    checkFormatValue(name, value, source);
    idx.formats = [...(idx.formats ?? []), { flag: name, value, source }];
  } else if (name === 'trusted-host') {
    idx.trustedHosts = [...(idx.trustedHosts ?? []), { value, source }];
  }
}

function addRequirement(
  dep: Dependency,
  constraint: boolean,
  dir: string,
  root: string,
  out: RequirementsResult,
) {
  if (dep.localPath !== undefined) {
    const abs = path.resolve(dir, dep.localPath.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
    dep.localPath = displayPath(root, abs);
    if (path.isAbsolute(dep.localPath)) {
      out.warnings.push({
        message: `${dep.localPath} is outside the project; a Docker build context cannot include it`,
        source: dep.source,
      });
    }
  }
  if (!constraint) {
    out.dependencies.push(dep);
    return;
  }
  const pin = /^===?([^,*]+)$/.exec(dep.specifier);
  if (pin?.[1] && !out.pins.has(dep.name)) out.pins.set(dep.name, { version: pin[1], source: dep.source });
}

/** The same requirement written twice (or included twice) counts once. */
function dedupe(deps: Dependency[]): Dependency[] {
  // By name first: most names appear once, so no key is built and no list is kept per line.
  const byName = new Map<string, Dependency | Dependency[]>();
  return deps.filter((d) => {
    const same = byName.get(d.name);
    if (same === undefined) {
      byName.set(d.name, d);
      return true;
    }
    const list = Array.isArray(same) ? same : [same];
    if (list.some((s) => sameRequirement(s, d))) return false;
    list.push(d);
    byName.set(d.name, list);
    return true;
  });
}

function sameRequirement(a: Dependency, b: Dependency): boolean {
  return (
    a.specifier === b.specifier &&
    a.marker === b.marker &&
    a.extras.length === b.extras.length &&
    a.extras.every((x, i) => x === b.extras[i]) &&
    a.localPath === b.localPath &&
    a.vcsUrl === b.vcsUrl &&
    a.url === b.url &&
    a.group === b.group
  );
}
