import { formatSource } from '../errors.js';
import type { Project } from '../project/types.js';
import { redactText } from '../redact.js';
import type { PlanResult } from '../session/plan.js';
import { carrierSentence } from '../strategies/render/credentials.js';
import { sshSentence } from '../strategies/render/ssh.js';
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
  if (!e) {
    out.push('  entry     (none found: pass it in the wizard; the image says so when started)');
    return out;
  }
  out.push(`  entry     ${e.command}   (${formatSource(e.source)})`);
  out.push(
    `            ${e.guessed ? 'guessed: ' : ''}${e.reason ?? ''}${e.port ? `; listens on $PORT (${e.port})` : ''}`,
  );
  for (const c of project.entryChoices.slice(1))
    out.push(`            or: ${c.command}   (${c.reason ?? formatSource(c.source)})`);
  for (const g of project.groups)
    out.push(`  group     ${g.name} (${g.kind})   ${g.included ? 'installed' : 'left out'}: ${g.reason}`);
  return out;
}

/** The readable plan: what was found and where from, the verdicts, then every candidate. */
export function planText(plan: PlanResult, opts: { dockerfiles: boolean } = { dockerfiles: true }): string {
  const { project } = plan;
  const out: string[] = [];
  out.push(`slim-py plan for ${project.name} (${project.root})`, '');
  out.push(`  manager   ${project.manager}   files: ${project.files.map((f) => f.path).join(', ')}`);
  out.push(`  python    ${project.python.version}   (${pythonWhy(project.python)})`);
  out.push(...appLines(plan));
  const arch =
    plan.target.archFrom === 'engine'
      ? "the Docker engine's"
      : "this machine's: no engine was asked; a race judges for the engine's";
  out.push(`  arch      ${plan.target.arch}   (${arch})`);
  out.push(`  index     ${plan.index.url}   (${plan.index.source})`);
  if (plan.prefer) out.push(`  winner    ${preferLine(plan.prefer.value)}   (${plan.prefer.source})`);
  out.push(`  bytecode  ${plan.options.bytecode}`);
  const carrier = carrierSentence(plan.options);
  if (carrier) out.push(`  password  ${carrier}`);
  if (plan.candidates.some((c) => c.needsSsh)) out.push(`  ssh       ${sshSentence(plan.options)}`);
  for (const img of Object.values(plan.options.images))
    out.push(`  image     ${img.role.padEnd(10)} ${img.ref}   (${img.source})`);
  for (const w of project.warnings)
    out.push(`  warning   ${w.source ? `${formatSource(w.source)}: ` : ''}${w.message}`);
  for (const n of plan.notes) out.push(`  note      ${n}`);
  out.push('', `Dependencies (${plan.verdicts.length})          glibc     musl      source`);
  for (const v of plan.verdicts) {
    out.push(
      `  ${v.name.padEnd(24)} ${BADGE[v.glibc].padEnd(9)} ${BADGE[v.musl].padEnd(9)} ${v.source}${v.via ? ` (via ${v.via})` : ''}`,
    );
    out.push(`      ${v.reason}`);
    const build = v.buildPackages.apt.join(' ');
    const run = v.runtimePackages.apt.join(' ');
    if (build || run) out.push(`      apt: build ${build || '-'} | run ${run || '-'}`);
    for (const t of v.traps) out.push(`      ! ${t}`);
  }
  out.push('', 'Candidates');
  for (const c of plan.candidates) {
    const mark = c.applicable ? (plan.recommended.ids.includes(c.id) ? '*' : ' ') : 'x';
    out.push(`  ${mark} ${c.id.padEnd(18)} ${c.title}`);
    out.push(`      ${c.reason}`);
  }
  out.push('', `Recommended order: ${plan.recommended.ids.join(', ')}`);
  for (const w of plan.recommended.why) out.push(`  - ${w}`);
  if (opts.dockerfiles) {
    for (const c of plan.candidates.filter((x) => x.applicable)) {
      out.push('', `----- ${c.id}: Dockerfile -----`, c.dockerfile.trimEnd());
    }
  }
  out.push('', 'Next: slim-py race --yes   (builds and measures every candidate)');
  return redactText(`${out.join('\n')}\n`);
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
