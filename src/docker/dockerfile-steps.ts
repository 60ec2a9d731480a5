/**
 * How many steps BuildKit will show for a Dockerfile: FROM, RUN, COPY, ADD and WORKDIR make a
 * vertex each (ENV, ARG, USER, CMD... do not), and stages the final stage does not need are
 * skipped. Needed because BuildKit names a vertex shared with another build (the same base
 * image, an identical builder stage) after that other build: "[stage-3 1/5] FROM ..." may show
 * up in a build of two stages. The parser then counts steps itself.
 */
const VERTEX = /^(FROM|RUN|COPY|ADD|WORKDIR)$/i;

interface Stage {
  name: string;
  base: string;
  steps: number;
  needs: Set<string>;
}

export function countBuildkitSteps(dockerfile: string): number {
  const stages: Stage[] = [];
  for (const line of logicalLines(dockerfile)) {
    const [word = '', ...rest] = line.split(/\s+/);
    if (/^FROM$/i.test(word)) {
      const args = rest.filter((a) => !a.startsWith('--'));
      const asAt = args.findIndex((a) => /^AS$/i.test(a));
      const name = asAt >= 0 ? (args[asAt + 1] ?? '').toLowerCase() : String(stages.length);
      stages.push({ name, base: (args[0] ?? '').toLowerCase(), steps: 1, needs: new Set() });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage || !VERTEX.test(word)) continue;
    stage.steps += 1;
    const from = /--from=(\S+)/i.exec(line);
    if (from?.[1]) stage.needs.add(from[1].toLowerCase());
  }
  const byName = new Map(stages.map((s, i) => [s.name, i]));
  const needed = new Set<number>();
  const visit = (i: number | undefined) => {
    if (i === undefined || needed.has(i)) return;
    needed.add(i);
    const s = stages[i] as Stage;
    visit(byName.get(s.base));
    for (const n of s.needs) visit(byName.get(n) ?? (/^\d+$/.test(n) ? Number(n) : undefined));
  };
  visit(stages.length - 1);
  let total = 0;
  for (const i of needed) total += (stages[i] as Stage).steps;
  return total;
}

/** Joins backslash continuations, drops comments and blank lines. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      cur += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(cur + line);
    cur = '';
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}
