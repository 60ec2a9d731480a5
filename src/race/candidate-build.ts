import { type ContextPlan, dockerfilePath, packContext } from '../docker/build-context.js';
import { countBuildkitSteps } from '../docker/dockerfile-steps.js';
import type { BuildEvent, BuilderKind, Engine } from '../docker/engine.js';
import { LOG_TAIL_LINES } from '../docker/progress.js';
import type { Candidate } from '../strategies/types.js';
import { createThrottle } from './throttle.js';
import type { RaceEvent, Result } from './types.js';

export interface BuildContext {
  engine: Engine;
  plan: ContextPlan;
  builder: BuilderKind;
  network?: string;
  noCache?: boolean;
  buildArgs: Record<string, string>;
  /** BuildKit secrets (id → content): the index's netrc. */
  secrets?: Record<string, string>;
  throttleMs: number;
  emit: (e: RaceEvent) => void;
}

/**
 * One build of a candidate's Dockerfile as `result.image`, progress throttled into race events,
 * the log tail kept on the result. Returns the engine's last event (built or failed) and the seconds.
 */
export async function buildCandidate(
  c: Candidate,
  ctx: BuildContext,
  result: Result,
  labels: Record<string, string>,
  signal: AbortSignal,
): Promise<{ end: Extract<BuildEvent, { type: 'built' | 'failed' }>; seconds: number }> {
  const throttle = createThrottle(ctx.throttleMs);
  const send = (events: BuildEvent[]) => {
    for (const event of events) ctx.emit({ type: 'progress', id: c.id, event });
  };
  const ticker = setInterval(() => send(throttle.flush(Date.now())), ctx.throttleMs);
  const started = Date.now();
  const done = (end: Extract<BuildEvent, { type: 'built' | 'failed' }>) => ({
    end,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  });
  try {
    const events = ctx.engine.build({
      context: packContext(ctx.plan, c.dockerfile, c.id, ctx.builder, c.files),
      dockerfile: dockerfilePath(c.id),
      tag: result.image,
      labels,
      buildArgs: ctx.buildArgs,
      ...(ctx.secrets ? { secrets: ctx.secrets } : {}),
      signal,
      expectedSteps: countBuildkitSteps(c.dockerfile),
      ...(ctx.network ? { network: ctx.network } : {}),
      ...(ctx.noCache ? { noCache: true } : {}),
    });
    for await (const ev of events) {
      if (ev.type === 'log') {
        result.logTail.push(ev.line);
        if (result.logTail.length > LOG_TAIL_LINES) result.logTail.shift();
      }
      send(throttle.offer(ev, Date.now()));
      if (ev.type === 'built' || ev.type === 'failed') return done(ev);
    }
    return done({ type: 'failed', message: 'the build ended without a result', logTail: result.logTail });
  } finally {
    clearInterval(ticker);
  }
}
