import type { Engine, EngineInfo } from '../docker/engine.js';
import { newSessionId } from '../docker/labels.js';
import { defaultCacheDir, diskMeasureCache } from '../race/measure-cache.js';
import { withOutcome } from './outcome.js';
import { engineArch, type PlanRequest, type PlanResult, planProject } from './plan.js';
import { type RoundEvent, type RoundsRequest, raceRounds } from './race-rounds.js';
import { selectCandidates } from './select-candidates.js';
import type { Session, SessionRequest } from './types.js';
import { previewWrite, writeChosen } from './write.js';

/** The parts a session is made of; tests swap the engine, the rounds (a recorded race) or the clock. */
export interface SessionParts {
  /** The engine, made when first needed (dockerode loads only then, not before the wizard's first frame). */
  engine: () => Promise<Engine>;
  plan: (req: PlanRequest) => Promise<PlanResult>;
  rounds: (req: RoundsRequest) => AsyncIterable<RoundEvent>;
  now: () => number;
  /** The date written into the Dockerfile's header. */
  date: () => Date;
}

const REAL: SessionParts = {
  engine: () => import('../docker/dockerode-engine.js').then((m) => new m.DockerodeEngine()),
  plan: planProject,
  rounds: raceRounds,
  now: () => Date.now(),
  date: () => new Date(),
};

export function createSession(request: SessionRequest, parts: Partial<SessionParts> = {}): Session {
  const p = { ...REAL, ...parts };
  const id = newSessionId();
  let engine: Promise<Engine> | undefined;
  let connecting: Promise<EngineInfo> | undefined;
  let info: EngineInfo | undefined;
  const theEngine = () => (engine ??= p.engine());
  const connect = () =>
    (connecting ??= theEngine()
      .then((e) => e.connect())
      .then((i) => (info = i)));
  return {
    request,
    id,
    connect,
    async plan(python) {
      // Wheels are judged for the machine that builds: the engine's, once it answered.
      const info = connecting ? await connecting.catch(() => undefined) : undefined;
      const py = python ?? request.python;
      return p.plan({
        dir: request.dir,
        ...(py ? { python: py } : {}),
        images: request.images,
        ...(request.indexUrl ? { indexUrl: request.indexUrl } : {}),
        offline: request.offline,
        ...(request.env ? { env: request.env } : {}),
        ...(info ? { arch: engineArch(info.arch) } : {}),
      });
    },
    // Once connected, what the engine cannot build is left out here, before the race.
    select: (plan) => selectCandidates(plan.candidates, request.strategies, info),
    async *race({ plan, candidates, signal }) {
      const info = await connect();
      const { race } = request;
      // --no-cache means cold all the way: no remembered measurements either.
      const cache = race.noCache ? undefined : diskMeasureCache(defaultCacheDir(), info.host);
      const rounds = p.rounds({
        plan,
        candidates,
        engine: await theEngine(),
        sessionId: id,
        concurrency: race.concurrency,
        ...(race.network ? { network: race.network } : {}),
        keep: race.keep,
        ...(race.noCache ? { noCache: true } : {}),
        ...(cache ? { cache } : {}),
        timeoutSeconds: race.timeoutSeconds,
        signal,
      });
      yield* withOutcome(rounds, candidates);
    },
    preview: (choice) => previewWrite(choice, request.out, p.date()),
    write: (choice) => writeChosen(choice, request.out, p.date()),
    now: p.now,
  };
}
