import { formatSource } from '../errors.js';
import type { DependencyGroup, Project } from '../project/types.js';
import { redactText } from '../redact.js';
import type { PlanResult } from '../session/plan.js';
import { carrierSentence } from '../strategies/render/credentials.js';
import { sshSentence } from '../strategies/render/ssh.js';
import { pieces } from './pieces.js';
import { type Prefer, STARTUP_RULE } from './winner-rule.js';

const BADGE = { pure: 'pure', wheel: 'wheel', compile: 'COMPILES', none: 'CANNOT', unknown: '?' } as const;

/** The app itself: where it imports from, whether it is installed, the command and why, the groups. */
function appLines(plan: PlanResult): string[] {
  const { project } = plan;
  const e = project.entry;
  const out = [
    `  app       ${project.importRoot.path === '.' ? 'the project root' : `${project.importRoot.path}/`}   (${project.importRoot.reason})`,
    `  install   ${project.installable ? 'built into a wheel; only the wheel ships' : 'its code is copied as it is'}   (${project.installReason.reason})`,
  ];
  if (!e) out.push('  entry     (none found: pass it in the wizard; the image says so when started)');
  else {
    out.push(`  entry     ${e.command}   (${formatSource(e.source)})`);
    out.push(
      `            ${e.guessed ? 'guessed: ' : ''}${e.reason ?? ''}${e.port ? `; listens on $PORT (${e.port})` : ''}`,
    );
    for (const c of project.entryChoices.slice(1))
      out.push(`            or: ${c.command}   (${c.reason ?? formatSource(c.source)})`);
  }
  for (const g of project.groups)
    out.push(
      `  group     ${g.name} (${g.kind})   ${g.included ? 'installed' : 'left out'}: ${g.reason}${flagHint(g)}`,
    );
  return out;
}

/** The flag that turns a group decided by its name the other way (the wizard's key is Space). */
function flagHint(g: DependencyGroup): string {
  if (!g.byDefault) return '';
  return g.included ? ` (--no-group ${g.name} to leave it out)` : ` (--group ${g.name} to install it)`;
}

/**
 * The readable plan — what was found and where from, the verdicts, then every candidate — as
 * pieces of whole lines, each redacted. A plan of 100,000 dependencies is 12 MB of text: made as
 * one string it was held several times over (the lines, their join, its redaction, the buffer).
 */
export function* planTextPieces(
  plan: PlanResult,
  opts: { dockerfiles: boolean } = { dockerfiles: true },
): Generator<string> {
  for (const piece of pieces(lineTokens(planLines(plan, opts)))) yield redactText(piece);
}

/** Each line as a token, a line break apart before every line but the first (pieces cuts there). */
function* lineTokens(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    if (!first) yield '\n';
    first = false;
    yield line;
  }
}

/** The plan's lines, without their line breaks. */
function* planLines(plan: PlanResult, opts: { dockerfiles: boolean }): Generator<string> {
  const { project } = plan;
  yield `slim-py plan for ${project.name} (${project.root})`;
  yield '';
  yield `  manager   ${project.manager}   files: ${project.files.map((f) => f.path).join(', ')}`;
  yield `  python    ${project.python.version}   (${pythonWhy(project.python)})`;
  yield* appLines(plan);
  const arch =
    plan.target.archFrom === 'engine'
      ? "the Docker engine's"
      : "this machine's: no engine was asked; a race judges for the engine's";
  yield `  arch      ${plan.target.arch}   (${arch})`;
  yield `  index     ${plan.index.url}   (${plan.index.source})`;
  if (plan.prefer) yield `  winner    ${preferLine(plan.prefer.value)}   (${plan.prefer.source})`;
  yield `  bytecode  ${plan.options.bytecode}`;
  const carrier = carrierSentence(plan.options);
  if (carrier) yield `  password  ${carrier}`;
  if (plan.candidates.some((c) => c.needsSsh)) yield `  ssh       ${sshSentence(plan.options)}`;
  for (const img of Object.values(plan.options.images))
    yield `  image     ${img.role.padEnd(10)} ${img.ref}   (${img.source})`;
  for (const w of project.warnings)
    yield `  warning   ${w.source ? `${formatSource(w.source)}: ` : ''}${w.message}`;
  for (const n of plan.notes) yield `  note      ${n}`;
  yield '';
  yield `Dependencies (${plan.verdicts.length})          glibc     musl      source`;
  for (const v of plan.verdicts) {
    yield `  ${v.name.padEnd(24)} ${BADGE[v.glibc].padEnd(9)} ${BADGE[v.musl].padEnd(9)} ${v.source}${v.via ? ` (via ${v.via})` : ''}`;
    yield `      ${v.reason}`;
    const build = v.buildPackages.apt.join(' ');
    const run = v.runtimePackages.apt.join(' ');
    if (build || run) yield `      apt: build ${build || '-'} | run ${run || '-'}`;
    for (const t of v.traps) yield `      ! ${t}`;
  }
  yield '';
  yield 'Candidates';
  for (const c of plan.candidates) {
    const mark = c.applicable ? (plan.recommended.ids.includes(c.id) ? '*' : ' ') : 'x';
    yield `  ${mark} ${c.id.padEnd(18)} ${c.title}`;
    yield `      ${c.reason}`;
  }
  yield '';
  yield `Recommended order: ${plan.recommended.ids.join(', ')}`;
  for (const w of plan.recommended.why) yield `  - ${w}`;
  if (opts.dockerfiles) {
    for (const c of plan.candidates.filter((x) => x.applicable)) {
      yield '';
      yield `----- ${c.id}: Dockerfile -----`;
      yield c.dockerfile.trimEnd();
    }
  }
  yield '';
  yield 'Next: slim-py race --yes   (builds and measures every candidate)';
}

function preferLine(p: Prefer): string {
  return p === 'size'
    ? 'size: the smallest that passes'
    : p === 'startup'
      ? 'startup: the fastest cold start'
      : `balanced: the smallest that starts ${STARTUP_RULE}`;
}

/** The version's reason, and where it came from unless that says nothing new ("(default)", "--python"). */
function pythonWhy(python: Project['python']): string {
  const where = formatSource(python.source);
  const silent = python.source.file.startsWith('(') || python.reason.includes(where);
  return silent ? python.reason : `${python.reason} — ${where}`;
}
