import type { BaseImage, Candidate, StrategyId, Tradeoffs } from '../types.js';
import { appWorkdir } from './app-tail.js';
import { type BuildCommand, buildCommand } from './build-command.js';
import type { RenderContext } from './context.js';
import { credentialCarrier } from './credentials.js';
import { renderDockerfile, type Stage, unique } from './lines.js';
import { buildArgs } from './pip-install.js';

export interface CandidateParts {
  id: StrategyId;
  title: string;
  teaches: string;
  applicable: boolean;
  reason: string;
  tradeoffs: Tradeoffs;
  /** One or two lines under the title in the Dockerfile header. */
  summary: string[];
  stages: Stage[];
  python: string;
  warnings?: string[];
}

function header(p: CandidateParts, from: string, build: BuildCommand, python: string): string[] {
  return [
    `slim-py: ${p.id} (Python ${python})`,
    ...p.summary,
    `Dependencies: ${from}.`,
    `Build: ${build.command}`,
    ...build.notes.map((n) => `  (${n})`),
  ];
}

/** FROM lines of the images whose digest the pre-flight found: pinned, and a comment says so. */
function pinStages(stages: Stage[], images: readonly BaseImage[]): Stage[] {
  const digests = new Map(images.flatMap((i) => (i.digest ? [[i.ref, i.digest] as const] : [])));
  return stages.map((s) => {
    const digest = digests.get(s.from);
    if (!digest) return s;
    const note = `${s.from} pinned to the digest it had when slim-py raced it; drop "@${digest.slice(0, 19)}…" to follow the tag.`;
    return { ...s, from: `${s.from}@${digest}`, comment: [...s.comment, note] };
  });
}

/** Renders the Dockerfile and fills the fields every candidate has. */
export function makeCandidate(ctx: RenderContext, parts: CandidateParts): Candidate {
  const p = { ...parts, stages: pinStages(parts.stages, Object.values(ctx.options.images)) };
  const names = new Set(p.stages.flatMap((s) => (s.name ? [s.name] : [])));
  const body = p.stages.flatMap((s) => s.lines).join('\n');
  const needsBuildKit = /^RUN --mount/m.test(body);
  const needsSsh = ctx.plan.needsSsh && body.includes('--mount=type=ssh');
  const args = buildArgs(ctx.options);
  const build = buildCommand({ options: ctx.options, name: ctx.input.project.name, needsBuildKit, needsSsh });
  const carrier = credentialCarrier(ctx.options);
  const c: Candidate = {
    id: p.id,
    title: p.title,
    applicable: p.applicable,
    reason: p.reason,
    tradeoffs: p.tradeoffs,
    teaches: p.teaches,
    dockerfile: renderDockerfile(header(p, ctx.plan.from, build, ctx.options.python), p.stages),
    bases: unique(p.stages.map((s) => s.from).filter((f) => !names.has(f))),
    python: p.python,
    workdir: appWorkdir(ctx),
    buildCommand: build.command,
  };
  if (args) c.buildArgs = args;
  if (carrier) c.credentials = carrier;
  if (needsBuildKit) c.needsBuildKit = true;
  if (needsSsh) c.needsSsh = true;
  if (ctx.plan.generated) c.files = ctx.plan.generated;
  if (p.warnings?.length) c.warnings = p.warnings;
  return c;
}
