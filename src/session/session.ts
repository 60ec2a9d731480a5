import { createIndexClient } from '../analysis/index-client.js';
import type { IndexClient } from '../analysis/types.js';
import type { Engine, EngineInfo } from '../docker/engine.js';
import { newSessionId } from '../docker/labels.js';
import { choiceKey } from './group-choice.js';
import { withOutcome } from './outcome.js';
import { engineArch, type PlanRequest, type PlanResult, planProject } from './plan.js';
import { pythonChoices } from './python-choices.js';
import type { RoundEvent, RoundsRequest } from './race-rounds.js';
import { selectCandidates } from './select-candidates.js';
import type { ProjectChoices, Session, SessionRequest } from './types.js';

// The race's and the writer's modules load when first used: `slim-py plan` and the wizard's
// first frame do not wait for them (they are a third of what a plan loads).
const writer = () => import('./write.js');

/** The parts a session is made of; tests swap the engine, the rounds (a recorded race) or the clock. */
export interface SessionParts {
  /** The engine, made when first needed (dockerode loads only then, not before the wizard's first frame). */
  engine: () => Promise<Engine>;
  plan: (req: PlanRequest) => Promise<PlanResult>;
  rounds: (req: RoundsRequest) => AsyncIterable<RoundEvent>;
  now: () => number;
  /** Today: the date written into the Dockerfile's header, and which Pythons are past their end of life. */
  date: () => Date;
}

const REAL: SessionParts = {
  engine: () => import('../docker/dockerode-engine.js').then((m) => new m.DockerodeEngine()),
  plan: planProject,
  async *rounds(req) {
    const { raceRounds } = await import('./race-rounds.js');
    yield* raceRounds(req);
  },
  now: () => Date.now(),
  date: () => new Date(),
};

export function createSession(request: SessionRequest, overrides: Partial<SessionParts> = {}): Session {
  const parts = { ...REAL, ...overrides };
  const id = newSessionId();
  let engine: Promise<Engine> | undefined;
  let connecting: Promise<EngineInfo> | undefined;
  const theEngine = () => (engine ??= parts.engine());
  let info: EngineInfo | undefined;
  const connect = () =>
    (connecting ??= theEngine()
      .then((e) => e.connect())
      .then((i) => (info = i)));
  const clients = new Map<string, IndexClient>();
  const indexClient = (url: string) => clients.get(url) ?? clients.set(url, createIndexClient(url)).get(url)!;
  // One plan per Python version, group choice and architecture: the Python step compares them, a
  // choice reuses one (flipping a group back finds its plan again).
  const plans = new Map<string, Promise<PlanResult>>();
  const plan = async (python?: string, choice?: ProjectChoices) => {
    // Wheels are judged for the machine that builds: the engine's, once it answered.
    await connecting?.catch(() => undefined);
    const py = python ?? request.python;
    const project = choice ?? request.project;
    const arch = info ? engineArch(info.arch) : undefined;
    const key = `${py ?? ''}:${arch ?? 'host'}:${info?.builder ?? ''}:${choiceKey(project)}`;
    let planned = plans.get(key);
    if (!planned) {
      planned = parts.plan({
        dir: request.dir,
        ...(py ? { python: py } : {}),
        images: request.images,
        ...(request.indexUrl ? { indexUrl: request.indexUrl } : {}),
        offline: request.offline,
        ...(project ? { project } : {}),
        ...(request.env ? { env: request.env } : {}),
        ...(arch ? { arch } : {}),
        indexClient,
        ...(request.prefer ? { prefer: request.prefer } : {}),
        ...(request.bytecode ? { bytecode: request.bytecode } : {}),
        ...(info ? { builder: info.builder } : {}),
        // The network and the builder make the Dockerfiles' build command and how a password travels.
        ...(request.race.network ? { network: request.race.network } : {}),
      });
      plans.set(key, planned);
      // A failed plan is not kept: the user may fix the file and try again.
      planned.catch(() => plans.delete(key));
    }
    return planned;
  };
  return {
    request,
    id,
    connect,
    plan,
    async pythonChoices(choice) {
      const base = await plan(undefined, choice);
      const own = base.options.python;
      const planFor = (v: string) => (v === own ? Promise.resolve(base) : plan(v, choice));
      return pythonChoices(planFor, own, parts.date());
    },
    // Once connected, what the engine cannot build is left out here, before the race.
    select: (plan, wanted = request.strategies) => selectCandidates(plan.candidates, wanted, info),
    async *race({ plan: planned, candidates: chosen, signal }) {
      const { host } = await connect();
      const engine = await theEngine();
      const [{ pinBases }, { defaultCacheDir, diskMeasureCache }] = await Promise.all([
        import('./pin-bases.js'),
        import('../race/measure-cache.js'),
      ]);
      const { plan, candidates } = await pinBases(engine, planned, chosen);
      const { race } = request;
      // --no-cache means cold all the way: no remembered measurements either.
      const cache = race.noCache ? undefined : diskMeasureCache(defaultCacheDir(), host);
      const rounds = parts.rounds({
        plan,
        candidates,
        engine,
        sessionId: id,
        concurrency: race.concurrency,
        ...(race.network ? { network: race.network } : {}),
        keep: race.keep,
        ...(race.noCache ? { noCache: true } : {}),
        ...(cache ? { cache } : {}),
        timeoutSeconds: race.timeoutSeconds,
        signal,
      });
      yield* withOutcome(rounds, candidates, plan.prefer?.value);
    },
    preview: async (choice) => (await writer()).previewWrite(choice, request.out, parts.date()),
    write: async (choice) => (await writer()).writeChosen(choice, request.out, parts.date()),
    now: parts.now,
  };
}
