/**
 * A small stand-in for hadolint (not packaged for Debian 12): parses a Dockerfile and checks the
 * rules slim-py promises. Each finding names the hadolint rule it mirrors.
 */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface ParsedStage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Joins `\` continuations, drops comments, splits into stages. */
export function parseDockerfile(text: string): ParsedStage[] {
  const stages: ParsedStage[] = [];
  const raw = text.split('\n');
  let i = 0;
  while (i < raw.length) {
    const start = i;
    let line = raw[i] ?? '';
    while (line.endsWith('\\') && i + 1 < raw.length) {
      i++;
      line = `${line.slice(0, -1)} ${raw[i]?.trimStart() ?? ''}`;
    }
    i++;
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const m = /^(\S+)\s*(.*)$/.exec(t);
    if (!m) continue;
    const ins = { keyword: (m[1] ?? '').toUpperCase(), args: m[2] ?? '', line: start + 1 };
    if (ins.keyword === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ from: f?.[1] ?? ins.args, ...(f?.[2] ? { name: f[2] } : {}), instructions: [] });
    } else if (stages.length === 0) throw new Error(`line ${ins.line}: ${ins.keyword} before FROM`);
    else stages[stages.length - 1]?.instructions.push(ins);
  }
  return stages;
}

function isExecForm(args: string): boolean {
  try {
    const v: unknown = JSON.parse(args);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

export interface LintOptions {
  /** The final stage must run as a non-root user. */
  nonRoot: boolean;
  /** The final stage has no shell (distroless): no shell-form RUN there. */
  noShellFinal?: boolean;
}

export function lintDockerfile(text: string, opts: LintOptions): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  const names = new Set<string>();
  if (/^# *syntax=/m.test(text)) problems.push('no `# syntax` line: plain BuildKit supports what we use');
  stages.forEach((stage, index) => {
    const isFinal = index === stages.length - 1;
    const at = (ins: Instruction) => `line ${ins.line}`;
    // hadolint exempts scratch: it has no tag.
    if (!names.has(stage.from) && stage.from !== 'scratch') {
      const ref = stage.from;
      const tagged = ref.includes('@') || /:[^/]+$/.test(ref);
      if (!tagged) problems.push(`DL3006 FROM ${ref}: always tag the image`);
      if (/:latest$/.test(ref)) problems.push(`DL3007 FROM ${ref}: do not use latest`);
    }
    if (stage.name) {
      if (names.has(stage.name)) problems.push(`DL3024 stage name ${stage.name} is not unique`);
      names.add(stage.name);
    }
    let pipefail = false;
    let cmds = 0;
    let lastUser: string | undefined;
    for (const ins of stage.instructions) {
      const a = ins.args;
      if (ins.keyword === 'SHELL' && /pipefail/.test(a)) pipefail = true;
      if (ins.keyword === 'USER') lastUser = a.trim();
      if (ins.keyword === 'WORKDIR' && !a.startsWith('/'))
        problems.push(`DL3000 ${at(ins)}: WORKDIR must be absolute`);
      if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') {
        cmds++;
        if (!isExecForm(a)) problems.push(`DL3025 ${at(ins)}: ${ins.keyword} must be exec form`);
      }
      if (ins.keyword === 'ENV' && /PIP_(EXTRA_)?INDEX_URL/.test(a))
        problems.push(`${at(ins)}: an index URL must be an ARG, not ENV`);
      const from = /--from=(\S+)/.exec(a)?.[1];
      if (ins.keyword === 'COPY' && from) {
        if (from === stage.name) problems.push(`DL3023 ${at(ins)}: COPY --from its own stage`);
        else if (!names.has(from) || from === stage.name)
          problems.push(`DL3022 ${at(ins)}: COPY --from=${from} is no earlier stage`);
      }
      if (ins.keyword !== 'RUN') continue;
      const mountFrom = [...a.matchAll(/--mount=\S*from=([^,\s]+)/g)].map((m) => m[1] ?? '');
      for (const f of mountFrom)
        if (!names.has(f)) problems.push(`DL3022 ${at(ins)}: mount from ${f} is no earlier stage`);
      if (isFinal && opts.noShellFinal && !isExecForm(a))
        problems.push(`${at(ins)}: shell-form RUN in a stage without a shell`);
      if (/\bsudo\b/.test(a)) problems.push(`DL3004 ${at(ins)}: do not use sudo`);
      if (/(^|&&|;)\s*cd\s/.test(a)) problems.push(`DL3003 ${at(ins)}: use WORKDIR, not cd`);
      if (/apt-get (dist-)?upgrade/.test(a))
        problems.push(`DL3005 ${at(ins)}: do not upgrade in a Dockerfile`);
      if (/apt-get install/.test(a)) {
        if (!/apt-get install -y/.test(a)) problems.push(`DL3014 ${at(ins)}: apt-get install needs -y`);
        if (!/--no-install-recommends/.test(a))
          problems.push(`DL3015 ${at(ins)}: add --no-install-recommends`);
        if (!/rm -rf \/var\/lib\/apt\/lists\/\*/.test(a))
          problems.push(`DL3009 ${at(ins)}: remove the apt lists in the same RUN`);
        if (!/apt-get update/.test(a)) problems.push(`${at(ins)}: apt-get update in the same RUN as install`);
      }
      if (/apk add/.test(a) && !/apk add --no-cache/.test(a))
        problems.push(`DL3019 ${at(ins)}: apk add needs --no-cache`);
      if (/pip (install|wheel)/.test(a) && !/--no-cache-dir/.test(a) && !/--mount=type=cache/.test(a)) {
        problems.push(`DL3042 ${at(ins)}: pip needs --no-cache-dir (or a cache mount)`);
      }
      if (/\buseradd\b/.test(a) && !/(\s-l\b|--no-log-init)/.test(a))
        problems.push(`DL3046 ${at(ins)}: useradd without -l`);
      if (/[^|]\|[^|]/.test(a.replace(/'[^']*'/g, "''")) && !pipefail)
        problems.push(`DL4006 ${at(ins)}: pipe without pipefail`);
    }
    if (cmds > 1) problems.push(`DL4003/DL4004: ${cmds} CMD/ENTRYPOINT in one stage`);
    if (isFinal && opts.nonRoot && (lastUser === undefined || /^(root|0)(:|$)/.test(lastUser))) {
      problems.push('DL3002: the final stage must end as a non-root USER');
    }
    if (isFinal && cmds === 0) problems.push('the final stage has no CMD/ENTRYPOINT');
  });
  return problems;
}
