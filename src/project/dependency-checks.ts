import { formatSource, type Source } from '../errors.js';
import { pinnedVersion, satisfies } from '../pep/pep440.js';
import type { Dependency } from './types.js';

type Warning = { message: string; source?: Source };

const requirement = (d: Dependency) => `${d.name}${d.specifier}`;

/**
 * Two requirements on one package that no single version satisfies (`flask==2.0.0` and
 * `flask==3.0.0`): pip stops the build with a resolution error, so say it before. Requirements
 * under different markers or in different groups never meet in one install and are left alone.
 */
export function conflictingPins(deps: Dependency[]): Warning[] {
  const key = (d: Dependency) => JSON.stringify([d.name, d.marker, d.group ?? '']);
  // Keyed by name first: only a name that is pinned somewhere gets a key per requirement.
  const pinnedNames = new Set<string>();
  const pinned = new Map<string, Dependency>();
  for (const d of deps) {
    if (!pinnedVersion(d.specifier)) continue;
    pinnedNames.add(d.name);
    const k = key(d);
    if (!pinned.has(k)) pinned.set(k, d);
  }
  const out: Warning[] = [];
  for (const d of deps) {
    if (d.specifier === '' || !pinnedNames.has(d.name)) continue;
    const first = pinned.get(key(d));
    if (!first || first === d) continue;
    if (satisfies(pinnedVersion(first.specifier)!, d.specifier)) continue;
    out.push({
      message: `${requirement(first)} (${formatSource(first.source)}) and ${requirement(d)} cannot both hold: pip stops the build with a resolution error; keep one of them`,
      source: d.source,
    });
  }
  return out;
}

/**
 * A lock that pins a version its manifest no longer allows (uv.lock has flask 2.0.0, pyproject
 * asks >=3). The image installs the lock's version, as `uv sync --frozen` or `poetry install`
 * would; a pip constraints file instead makes pip fail, since both apply at once.
 */
export function lockDisagreements(deps: Dependency[]): Warning[] {
  const out: Warning[] = [];
  for (const d of deps) {
    if (!d.locked || d.specifier === '' || satisfies(d.locked.version, d.specifier)) continue;
    const lock = formatSource(d.locked.source);
    const constraints = d.locked.source.file.endsWith('.txt');
    out.push({
      message: constraints
        ? `${lock} pins ${d.name}==${d.locked.version}, but ${requirement(d)} asks otherwise: pip stops the build with a resolution error; change the pin or the requirement`
        : `${lock} pins ${d.name} ${d.locked.version}, but the manifest asks ${requirement(d)}: the lock wins (the image gets ${d.name}==${d.locked.version}, as a frozen install would); update the lock (e.g. \`uv lock\`, \`poetry lock\`) to follow the manifest`,
      source: d.source,
    });
  }
  return out;
}
