import type { BuildEvent } from '../docker/engine.js';

/**
 * Keeps a UI from being flooded: per candidate, at most one event of each kind (pull, log, pip)
 * per interval, the newest one winning; steps and terminal events always pass. Pure: the caller
 * passes the clock and calls flush() on a timer so a quiet build still shows its last line.
 */
export interface Throttle {
  offer(event: BuildEvent, now: number): BuildEvent[];
  flush(now: number): BuildEvent[];
}

export const DEFAULT_THROTTLE_MS = 125;

export function createThrottle(intervalMs = DEFAULT_THROTTLE_MS): Throttle {
  const last = new Map<string, number>();
  const pending = new Map<string, BuildEvent>();
  const due = (type: string, now: number) => now - (last.get(type) ?? Number.NEGATIVE_INFINITY) >= intervalMs;
  return {
    offer(event, now) {
      if (event.type === 'built' || event.type === 'failed') {
        pending.clear();
        return [event];
      }
      if (event.type === 'step') return [event];
      if (due(event.type, now)) {
        pending.delete(event.type);
        last.set(event.type, now);
        return [event];
      }
      pending.set(event.type, event);
      return [];
    },
    flush(now) {
      const out: BuildEvent[] = [];
      for (const [type, event] of pending) {
        if (!due(type, now)) continue;
        pending.delete(type);
        last.set(type, now);
        out.push(event);
      }
      return out;
    },
  };
}
