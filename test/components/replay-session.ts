import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, EngineInfo } from '../../src/docker/engine.js';
import { createSession } from '../../src/session/index.js';
import { outcomeFold } from '../../src/session/outcome.js';
import { type PlanResult, planProject, replan } from '../../src/session/plan.js';
import type { RoundEvent } from '../../src/session/race-rounds.js';
import type { Session, SessionEvent } from '../../src/session/types.js';
import { racedIds, staleness } from './recording-check.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const FIXED_DATE = new Date('2025-01-02T03:04:05Z');

export type Entry = { t: number; event: RoundEvent } | { t: number; abort: true };

export interface Recording {
  name: string;
  engine: EngineInfo;
  /** The fixture project it was recorded from (relative to the repo). */
  project: string;
  plan: PlanResult;
  entries: Entry[];
}

/** A race recorded from the real engine by test/fixtures/races/record.ts; refused when stale (recording-check.ts). */
export function loadRecording(name: string): Recording {
  const dir = join(repo, 'test', 'fixtures', 'races');
  const [head, ...rest] = readFileSync(join(dir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const plan = JSON.parse(readFileSync(join(dir, `${name}.plan.json`), 'utf8')) as PlanResult;
  // Recorded before plans said what they judged for: the recording engine's.
  plan.target ??= { python: plan.options.python, arch: 'x86_64', archFrom: 'engine' };
  const rec = { name, engine: head.engine, project: head.project, plan, entries: rest as Entry[] };
  const stale = staleness(rec);
  if (stale) throw new Error(`replay: ${stale}`);
  // What was not raced was never measured: the plan shows it as today's strategies render it,
  // and recommends as today's rules do (a prediction, not a measurement).
  const raced = racedIds(rec.entries);
  const today = replan(plan);
  plan.candidates = today.candidates.map((c) =>
    raced.includes(c.id) ? plan.candidates.find((r) => r.id === c.id)! : c,
  );
  plan.recommended = today.recommended;
  return rec;
}

/** The candidates the recording raced, as planned. */
export function recordedCandidates(rec: Recording) {
  const ids = racedIds(rec.entries);
  return rec.plan.candidates.filter((c) => ids.includes(c.id));
}

/** The recorded events as the session passes them on (its race-end carries the outcome). */
export function sessionEvents(rec: Recording): { t: number; event: SessionEvent }[] {
  const fold = outcomeFold(recordedCandidates(rec));
  return rec.entries.flatMap((e) => ('event' in e ? [{ t: e.t, event: fold(e.event) }] : []));
}

/** How the recorded race ended, as the session reports it. */
export function recordedOutcome(rec: Recording) {
  const end = sessionEvents(rec).find((e) => e.event.type === 'race-end')?.event;
  if (end?.type !== 'race-end') throw new Error(`replay: ${rec.name} has no race-end`);
  return end;
}

/** A fresh temp copy of the recording's fixture project (the write step writes into it). */
export function copyProject(rec: Recording): string {
  const dir = mkdtempSync(join(tmpdir(), `slim-py-wizard-${rec.name}-`));
  cpSync(join(repo, rec.project), dir, { recursive: true });
  return dir;
}

export interface ReplayOptions {
  /** Project copy the plan points at (default: a fresh copy). */
  root?: string;
  /** `--strategies`, preselected by the wizard. */
  strategies?: string[];
  /** The engine answers as this instead (another kind or builder); the race-start event says so too. */
  engine?: Partial<EngineInfo>;
  /** connect() throws this: no Docker engine. */
  noEngine?: Error;
  /** The race throws this before any event (a context too large, an engine gone). */
  failRace?: Error;
  /** Stop before the first event matching this until release() is called (to look at a frame mid-race). */
  holdBefore?: (e: RoundEvent) => boolean;
}

export interface ReplaySession extends Session {
  root: string;
  planCalls: (string | undefined)[];
  raced: string[][];
  /** Resolves when the replay stopped at `holdBefore`. */
  held: Promise<void>;
  release(): void;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/** An engine that only answers connect: the recorded race never asks it for more. */
function recordedEngine(rec: Recording, opts: ReplayOptions): Engine {
  const unused = () => {
    throw new Error(`replay: ${rec.name} replays the race; the engine is not asked`);
  };
  return {
    connect: async () => {
      if (opts.noEngine) throw opts.noEngine;
      return { ...rec.engine, ...opts.engine };
    },
    // The recorded bases were there when it was recorded; no digest, so its Dockerfiles stay as raced.
    resolveImage: async () => ({ found: 'local' }),
    build: unused,
    inspectImage: unused,
    compressedSize: unused,
    run: unused,
    exportFiles: unused,
    listByLabel: unused,
    removeByLabel: unused,
  };
}

/**
 * The real session with the race's rounds replayed from a recording, without real delays:
 * events come one per event-loop turn (progress lines in bursts) and the clock jumps to each event's recorded time.
 * Planning returns the recorded plan (pointed at a fresh copy of its project); a new Python
 * version or a group flipped in the wizard plans the copy for real, offline. The outcome, previews and writes are the session's
 * own, into the copy.
 */
export function replaySession(rec: Recording, opts: ReplayOptions = {}): ReplaySession {
  const root = opts.root ?? copyProject(rec);
  let clock = 1_000_000;
  let onHeld = () => {};
  let release = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const held = new Promise<void>((r) => {
    onHeld = r;
  });
  const images = Object.values(rec.plan.options.images)
    .filter((i) => i.source === '--image')
    .map((i) => `${i.role}=${i.ref}`);
  const planCalls: (string | undefined)[] = [];
  const raced: string[][] = [];
  async function* rounds({ candidates, signal }: { candidates: { id: string }[]; signal: AbortSignal }) {
    if (opts.failRace) throw opts.failRace;
    const ids = candidates.map((c) => c.id);
    raced.push(ids);
    const recorded = racedIds(rec.entries);
    if ([...ids].sort().join() !== [...recorded].sort().join()) {
      throw new Error(
        `replay: ${rec.name} raced ${recorded.join(',')}, the wizard asked for ${ids.join(',')}`,
      );
    }
    const start = clock;
    let holding = true;
    for (const entry of rec.entries) {
      // Progress lines come in bursts: one render per burst keeps a 600-line replay quick on a busy machine.
      if (!('event' in entry) || entry.event.type !== 'progress') await tick();
      if ('abort' in entry) {
        // The recording was cancelled here: wait for the user to cancel too.
        if (!signal.aborted) await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
        continue;
      }
      if (signal.aborted && !rec.entries.some((e) => 'abort' in e)) {
        throw new Error(`replay: ${rec.name} was not recorded with a cancel`);
      }
      if (holding && opts.holdBefore?.(entry.event)) {
        holding = false;
        onHeld();
        await gate;
      }
      clock = start + entry.t;
      const e = entry.event;
      yield e.type === 'race-start' && opts.engine ? { ...e, engine: { ...e.engine, ...opts.engine } } : e;
    }
  }
  const session = createSession(
    {
      dir: root,
      images,
      offline: true,
      ...(opts.strategies ? { strategies: opts.strategies } : {}),
      race: { concurrency: 2, keep: false, noCache: true, timeoutSeconds: 900 },
    },
    {
      engine: async () => recordedEngine(rec, opts),
      async plan(req) {
        planCalls.push(req.python);
        // The recording holds the plan of its own Python and the flags' groups: anything else is planned.
        const otherPython = req.python && req.python !== rec.plan.options.python;
        if (otherPython || req.project?.toggled?.length) return planProject(req);
        const plan = structuredClone(rec.plan);
        plan.project.root = root;
        return plan;
      },
      rounds,
      now: () => clock,
      date: () => FIXED_DATE,
    },
  );
  return Object.assign(session, { root, planCalls, raced, held, release: () => release() });
}
