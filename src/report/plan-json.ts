import type { Verdict } from '../analysis/types.js';
import { formatSource } from '../errors.js';
import type { Dependency, EntryCommand } from '../project/types.js';
import { redactDeep } from '../redact.js';
import type { PlanResult } from '../session/plan.js';
import { sshSentence } from '../strategies/render/ssh.js';
import { MappedList } from './json-pieces.js';

function entryJson(e: EntryCommand) {
  return {
    command: e.command,
    argv: e.argv,
    source: formatSource(e.source),
    reason: e.reason ?? null,
    guessed: e.guessed === true,
    port: e.port ?? null,
    cwd: e.cwd ?? '.',
  };
}

// The two below run once per dependency (100,000 happen): optional fields are set when present,
// not spread in from an object made for each ({} included), and in the order the contract has.

function dependencyJson(d: Dependency) {
  const o: {
    name: string;
    specifier: string;
    extras: string[];
    marker: string;
    source: string;
    group?: string;
    locked?: string;
    localPath?: string;
    vcsUrl?: string;
  } = {
    name: d.name,
    specifier: d.specifier,
    extras: d.extras,
    marker: d.marker,
    source: formatSource(d.source),
  };
  if (d.group) o.group = d.group;
  if (d.locked) o.locked = d.locked.version;
  if (d.localPath) o.localPath = d.localPath;
  if (d.vcsUrl) o.vcsUrl = d.vcsUrl;
  return o;
}

function verdictJson(v: Verdict) {
  const o: Omit<Verdict, 'version'> = {
    name: v.name,
    glibc: v.glibc,
    musl: v.musl,
    buildPackages: v.buildPackages,
    runtimePackages: v.runtimePackages,
    reason: v.reason,
    source: v.source,
    traps: v.traps,
  };
  if (v.via) o.via = v.via;
  if (v.formats) o.formats = v.formats;
  return o;
}

/**
 * The `plan --json` contract (issue 2): field names are relied on by scripts; add, never rename.
 * Every string is redacted. The dependencies and the verdicts (one per line of a requirements
 * file: 100,000 of them happen) are mapped and redacted element by element as they are written.
 */
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
      dependencies: new MappedList(project.dependencies, (d) => redactDeep(dependencyJson(d))),
      entry: project.entry ? entryJson(project.entry) : null,
      /** Other plausible commands, best first (the chosen one first). */
      entryChoices: project.entryChoices.map(entryJson),
      importRoot: {
        path: project.importRoot.path,
        source: formatSource(project.importRoot.source),
        reason: project.importRoot.reason,
      },
      installable: project.installable,
      installReason: {
        reason: project.installReason.reason,
        source: project.installReason.source ? formatSource(project.installReason.source) : null,
      },
      groups: project.groups.map((g) => ({
        name: g.name,
        kind: g.kind,
        included: g.included,
        reason: g.reason,
        source: formatSource(g.source),
      })),
      appModules: project.appModules,
      warnings: project.warnings.map((w) => ({
        message: w.message,
        source: w.source ? formatSource(w.source) : null,
      })),
    },
    target: plan.target,
    index: { url: plan.index.url, source: plan.index.source },
    ...(plan.prefer ? { prefer: plan.prefer } : {}),
    bytecode: plan.options.bytecode,
    images: Object.fromEntries(
      Object.values(plan.options.images).map((i) => [i.role, { ref: i.ref, source: i.source }]),
    ),
    notes: plan.notes,
    verdicts: new MappedList(plan.verdicts, (v) => redactDeep(verdictJson(v))),
    candidates: plan.candidates.map((c) => ({
      id: c.id,
      title: c.title,
      applicable: c.applicable,
      reason: c.reason,
      tradeoffs: c.tradeoffs,
      teaches: c.teaches,
      bases: c.bases,
      dockerfile: c.dockerfile,
      buildCommand: c.buildCommand ?? null,
      ...(c.credentials ? { credentials: c.credentials } : {}),
      ...(c.needsSsh ? { ssh: sshSentence(plan.options) } : {}),
    })),
    // Everything worth a look before racing, with where it comes from (project warnings today).
    warnings: project.warnings.map((w) => ({
      message: w.message,
      source: w.source ? formatSource(w.source) : null,
    })),
    recommended: plan.recommended.ids,
    why: plan.recommended.why,
  });
}
