import { DockerfileParser } from 'dockerfile-ast';
import type { RoundEvent } from '../../src/session/race-rounds.js';
import { withRepair } from '../../src/session/repair.js';
import { STRATEGIES } from '../../src/strategies/index.js';
import type { Options, StrategyId } from '../../src/strategies/types.js';
import type { Recording } from './replay-session.js';

/**
 * What a Dockerfile builds: its instructions, without the comments (which build nothing) and
 * without the digests the race's pre-flight pins a repaired candidate's FROM to (the same tag).
 */
export function instructions(dockerfile: string): string[] {
  return DockerfileParser.parse(dockerfile)
    .getInstructions()
    .map((i) => `${i.getKeyword()} ${i.getArgumentsContent() ?? ''}`)
    .map((line) => (line.startsWith('FROM ') ? line.replace(/@sha256:[0-9a-f]{64}/, '') : line));
}

const sameBuild = (a: string, b: string) => instructions(a).join('\n') === instructions(b).join('\n');

/** The ids the recording raced (its race-start). */
export function racedIds(entries: Recording['entries']): StrategyId[] {
  for (const e of entries) if ('event' in e && e.event.type === 'race-start') return e.event.candidates;
  return [];
}

/**
 * Why a recording no longer stands for today's code, or undefined when it does: every Dockerfile
 * it raced (the raced candidates and each repair's) must be what today's strategies render from
 * the recorded project, verdicts and answers, instruction for instruction. Comments may differ:
 * they change nothing that was built or measured.
 */
export function staleness(rec: Recording): string | undefined {
  const { project, verdicts, options } = rec.plan;
  const render = (id: StrategyId, opts: Options) =>
    STRATEGIES.find((s) => s.id === id)?.plan({ project, verdicts, options: opts });
  const stale: string[] = [];
  const raced = racedIds(rec.entries);
  for (const c of rec.plan.candidates.filter((c) => raced.includes(c.id))) {
    const now = render(c.id, options);
    if (!now || now.applicable !== c.applicable || !sameBuild(now.dockerfile, c.dockerfile)) stale.push(c.id);
  }
  const repaired = new Map<StrategyId, Options>();
  const events = rec.entries.flatMap((e) => ('event' in e ? [e.event] : []));
  for (const e of events.filter((e): e is Extract<RoundEvent, { type: 'repair' }> => e.type === 'repair')) {
    const next = withRepair(repaired.get(e.id) ?? options, e.repair);
    repaired.set(e.id, next);
    const now = render(e.id, next);
    if (!now || !sameBuild(now.dockerfile, e.candidate.dockerfile)) stale.push(`${e.id} (repaired)`);
  }
  if (raced.length === 0 || !events.some((e) => e.type === 'race-end'))
    stale.push('no race-start or race-end');
  if (stale.length === 0) return undefined;
  return `${rec.name}: ${stale.join(', ')} differ from what today's strategies render; re-record it (test/fixtures/races/record.ts)`;
}
