import type { RaceEvent } from '../race/types.js';

type Recheck = Extract<RaceEvent, { type: 'startup-recheck' }>;
type Rechecked = Extract<RaceEvent, { type: 'startup-rechecked' }>;

/** The end-of-race measurement of the winner rule's contenders, as the CLI and the wizard say it. */
export function recheckingLine(e: Recheck): string {
  return `cold start measured again, side by side: ${e.ids.join(', ')}`;
}

export function recheckedLine(e: Rechecked): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const each = e.figures.map(
    (f) => `${f.id} ${f.before === f.after ? ms(f.after) : `${ms(f.before)} → ${ms(f.after)}`}`,
  );
  return `cold start again (${e.seconds.toFixed(1)} s, least CPU time): ${each.join(', ')}`;
}
