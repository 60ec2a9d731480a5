import { evaluateMarker, linuxMarkerEnv, type MarkerEnv } from '../../pep/marker.js';
import type { Dependency } from '../types.js';
import type { Lock, LockEdge, LockedInstall, LockNode } from './types.js';

/** The marker environment of a Linux image with this Python; the architecture is left to pip. */
function env(python: string): MarkerEnv {
  const { platform_machine: _, ...rest } = linuxMarkerEnv(python, '');
  return rest;
}

const and = (a: string, b: string) => (!a ? b : !b ? a : `(${a}) and (${b})`);

/** Reached unconditionally once: unconditional; otherwise either condition will do (kept short). */
function widen(had: string, now: string): string {
  if (had === '' || now === '' || had === now) return had === now ? had : '';
  const both = `(${had}) or (${now})`;
  return both.length > 400 ? '' : both;
}

/**
 * Every package the production dependencies reach through the lock, each at its locked pin:
 * edges whose markers are false on Linux with this Python are not followed; a marker that
 * depends on what only pip knows (the architecture) is kept on the line for pip to decide.
 * Sectioned locks (Pipfile.lock, pdm.lock) name their production packages themselves.
 */
export function lockedInstall(
  lock: Lock,
  roots: readonly Dependency[],
  sections: string[],
  python: string,
): LockedInstall {
  const e = env(python);
  const decide = (marker: string) => (marker ? evaluateMarker(marker, e) : true);
  if (lock.sectioned) {
    const packages = lock.nodes
      .filter((n) => n.sections?.some((s) => sections.includes(s)) && n.origin.kind !== 'project')
      .map((node) => ({ node, marker: node.forks?.[0] ?? '' }))
      .filter((p) => decide(p.marker) !== false)
      .map((p) => ({ ...p, marker: decide(p.marker) === true ? '' : p.marker }));
    return { file: lock.file, packages, missing: [] };
  }
  const byName = new Map<string, LockNode[]>();
  for (const n of lock.nodes) byName.set(n.name, [...(byName.get(n.name) ?? []), n]);
  // uv forks: the entry whose resolution markers hold here.
  const pick = (name: string) => {
    const all = byName.get(name) ?? [];
    return all.find((n) => !n.forks || n.forks.some((m) => decide(m) !== false)) ?? all[0];
  };
  const chosen = new Map<string, { node: LockNode; marker: string; extras: Set<string> }>();
  const missing: LockedInstall['missing'] = [];
  const queue: { edge: LockEdge; marker: string; from: string }[] = roots.map((d) => ({
    edge: { name: d.name, marker: d.marker, extras: d.extras },
    marker: '',
    from: 'the project',
  }));
  while (queue.length > 0) {
    const { edge, marker: parent, from } = queue.shift()!;
    const verdict = decide(edge.marker);
    if (verdict === false) continue;
    const marker = and(parent, verdict === true ? '' : edge.marker);
    const node = pick(edge.name);
    if (!node) {
      if (!missing.some((m) => m.name === edge.name)) missing.push({ name: edge.name, neededBy: from });
      continue;
    }
    const seen = chosen.get(node.name);
    if (!seen) chosen.set(node.name, { node, marker, extras: new Set(edge.extras) });
    else {
      const widened = widen(seen.marker, marker);
      const added = edge.extras.filter((x) => !seen.extras.has(x));
      if (widened === seen.marker && added.length === 0) continue;
      seen.marker = widened;
      for (const x of added) seen.extras.add(x);
    }
    const here = chosen.get(node.name)!;
    for (const d of [...node.deps, ...[...here.extras].flatMap((x) => node.extras[x] ?? [])])
      queue.push({ edge: d, marker: here.marker, from: node.name });
  }
  const packages = [...chosen.values()]
    .filter((c) => c.node.origin.kind !== 'project')
    .map((c) => ({ node: c.node, marker: c.marker }));
  return { file: lock.file, packages, missing };
}
