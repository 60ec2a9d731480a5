import { formatSource } from '../errors.js';
import { redactText } from '../redact.js';
import type { PlanResult } from '../session/plan.js';

const BADGE = { pure: 'pure', wheel: 'wheel', compile: 'COMPILES', none: 'CANNOT', unknown: '?' } as const;

/** The readable plan: what was found and where from, the verdicts, then every candidate. */
export function planText(plan: PlanResult, opts: { dockerfiles: boolean } = { dockerfiles: true }): string {
  const { project } = plan;
  const out: string[] = [];
  out.push(`slim-py plan for ${project.name} (${project.root})`, '');
  out.push(`  manager   ${project.manager}   files: ${project.files.map((f) => f.path).join(', ')}`);
  out.push(
    `  python    ${project.python.version}   (${project.python.reason}${project.python.source.file.startsWith('(') ? '' : ` — ${formatSource(project.python.source)}`})`,
  );
  out.push(
    `  entry     ${project.entry ? `${project.entry.command}   (${formatSource(project.entry.source)})` : '(none found: pass it in the wizard)'}`,
  );
  const arch =
    plan.target.archFrom === 'engine'
      ? "the Docker engine's"
      : "this machine's: no engine was asked; a race judges for the engine's";
  out.push(`  arch      ${plan.target.arch}   (${arch})`);
  out.push(`  index     ${plan.index.url}   (${plan.index.source})`);
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
