import { formatSource } from '../errors.js';
import { redactDeep } from '../redact.js';
import type { PlanResult } from '../session/plan.js';

/** The `plan --json` contract (issue 2): field names are relied on by scripts; add, never rename. */
export function planJson(plan: PlanResult) {
  const { project } = plan;
  return redactDeep({
    project: {
      root: project.root,
      name: project.name,
      python: {
        version: project.python.version,
        source: formatSource(project.python.source),
        reason: project.python.reason,
      },
      manager: project.manager,
      dependencies: project.dependencies.map((d) => ({
        name: d.name,
        specifier: d.specifier,
        extras: d.extras,
        marker: d.marker,
        source: formatSource(d.source),
        ...(d.group ? { group: d.group } : {}),
        ...(d.locked ? { locked: d.locked.version } : {}),
        ...(d.localPath ? { localPath: d.localPath } : {}),
        ...(d.vcsUrl ? { vcsUrl: d.vcsUrl } : {}),
      })),
      entry: project.entry
        ? {
            command: project.entry.command,
            argv: project.entry.argv,
            source: formatSource(project.entry.source),
          }
        : null,
      appModules: project.appModules,
      warnings: project.warnings.map((w) => ({
        message: w.message,
        source: w.source ? formatSource(w.source) : null,
      })),
    },
    target: plan.target,
    index: { url: plan.index.url, source: plan.index.source },
    images: Object.fromEntries(
      Object.values(plan.options.images).map((i) => [i.role, { ref: i.ref, source: i.source }]),
    ),
    notes: plan.notes,
    verdicts: plan.verdicts.map((v) => ({
      name: v.name,
      glibc: v.glibc,
      musl: v.musl,
      buildPackages: v.buildPackages,
      runtimePackages: v.runtimePackages,
      reason: v.reason,
      source: v.source,
      traps: v.traps,
      ...(v.via ? { via: v.via } : {}),
    })),
    candidates: plan.candidates.map((c) => ({
      id: c.id,
      title: c.title,
      applicable: c.applicable,
      reason: c.reason,
      tradeoffs: c.tradeoffs,
      teaches: c.teaches,
      bases: c.bases,
      dockerfile: c.dockerfile,
    })),
    recommended: plan.recommended.ids,
    why: plan.recommended.why,
  });
}
