import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { previewWrite, writeChoice } from '../../components/real-engine.js';
import type { WizardEngine } from '../../components/wizard-engine.js';
import type { EngineInfo } from '../../src/docker/engine.js';
import { type PlanResult, planProject } from '../../src/pipeline/plan-project.js';
import type { PipelineEvent } from '../../src/pipeline/race-project.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const FIXED_DATE = new Date('2025-01-02T03:04:05Z');

export type Entry = { t: number; event: PipelineEvent } | { t: number; abort: true };

export interface Recording {
  name: string;
  engine: EngineInfo;
  /** The fixture project it was recorded from (relative to the repo). */
  project: string;
  plan: PlanResult;
  entries: Entry[];
}

/** A race recorded from the real engine by test/fixtures/races/record.ts. */
export function loadRecording(name: string): Recording {
  const dir = join(repo, 'test', 'fixtures', 'races');
  const [head, ...rest] = readFileSync(join(dir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const plan = JSON.parse(readFileSync(join(dir, `${name}.plan.json`), 'utf8')) as PlanResult;
  return { name, engine: head.engine, project: head.project, plan, entries: rest as Entry[] };
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
  /** connect() throws this: no Docker engine. */
  noEngine?: Error;
  /** The race throws this before any event (a context too large, an engine gone). */
  failRace?: Error;
  /** Stop before the first event matching this until release() is called (to look at a frame mid-race). */
  holdBefore?: (e: PipelineEvent) => boolean;
}

export interface ReplayEngine extends WizardEngine {
  root: string;
  planCalls: (string | undefined)[];
  raced: string[][];
  /** Resolves when the replay stopped at `holdBefore`. */
  held: Promise<void>;
  release(): void;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/**
 * The wizard's engine with the race replayed from a recording, without real delays: events come
 * one per event-loop turn and the clock jumps to each event's recorded time. Planning returns the
 * recorded plan (pointed at a fresh copy of its project); a new Python version plans the copy for
 * real, offline. Writes are the real ones, into the copy.
 */
export function replayEngine(rec: Recording, opts: ReplayOptions = {}): ReplayEngine {
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
  const engine: ReplayEngine = {
    root,
    planCalls: [],
    raced: [],
    held,
    release: () => release(),
    raceSettings: { concurrency: 2, keep: false },
    now: () => clock,
    async plan(python) {
      engine.planCalls.push(python);
      if (python && python !== rec.plan.options.python) {
        return planProject({ dir: root, python, images, offline: true });
      }
      const plan = structuredClone(rec.plan);
      plan.project.root = root;
      return plan;
    },
    async connect() {
      if (opts.noEngine) throw opts.noEngine;
      return rec.engine;
    },
    async *race({ candidates, signal }) {
      if (opts.failRace) throw opts.failRace;
      const ids = candidates.map((c) => c.id);
      engine.raced.push(ids);
      const first = rec.entries.find((e) => 'event' in e && e.event.type === 'race-start');
      const recorded =
        first && 'event' in first && first.event.type === 'race-start' ? first.event.candidates : [];
      if ([...ids].sort().join() !== [...recorded].sort().join()) {
        throw new Error(
          `replay: ${rec.name} raced ${recorded.join(',')}, the wizard asked for ${ids.join(',')}`,
        );
      }
      const start = clock;
      let holding = true;
      for (const entry of rec.entries) {
        await tick();
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
        yield entry.event;
      }
    },
    preview: (choice) => previewWrite(choice, undefined, FIXED_DATE),
    write: (choice) => writeChoice(choice, undefined, rec.engine, FIXED_DATE),
  };
  return engine;
}
