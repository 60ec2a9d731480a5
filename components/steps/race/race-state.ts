import type { CandidatePhase, Result } from '../../../src/race/types.js';
import {
  type PipPhase,
  recheckedLine,
  recheckingLine,
  type Selection,
  type SessionEvent,
  selectionNotes,
} from '../../../src/session/index.js';
import type { StrategyId } from '../../../src/strategies/types.js';

/** One candidate as the race step shows it. */
export interface CandidateView {
  id: StrategyId;
  phase: CandidatePhase | 'done' | 'failed';
  /** When its build started (clock of the wizard engine). */
  startedAt?: number;
  endedAt?: number;
  pull?: { ref?: string; current: number; total: number };
  step?: { n: number; of: number; instruction: string; stage?: string };
  pip?: { phase: PipPhase; detail: string };
  /** Last build log lines, for `l`. */
  log: string[];
  result?: Result;
}

/** A line printed once above the live rows (<Static>): a finished candidate, or a repair. */
export type Printed =
  | { key: string; kind: 'finished'; view: CandidateView }
  | {
      key: string;
      kind: 'repair';
      id: StrategyId;
      stage: 'build' | 'runtime';
      missing: string[];
      apt: string[];
    }
  /** Said before the race: what the engine does differently, and each candidate it cannot build. */
  | { key: string; kind: 'note'; text: string }
  /** A measurement's outcome (the end-of-race cold-start recheck). */
  | { key: string; kind: 'info'; text: string };

export interface RaceView {
  engine?: { builder: string; host: string; network?: string };
  order: StrategyId[];
  rows: Partial<Record<StrategyId, CandidateView>>;
  printed: Printed[];
  startedAt: number;
  /** Set once the user asked to stop: the engine is cancelling and cleaning up. */
  stopping: boolean;
  /** While every row is done, the winner rule's contenders are measured again (a few seconds). */
  rechecking?: string;
  end?: { results: Result[]; cancelled: boolean; removed?: { containers: number; images: number } };
}

export const LOG_LINES = 8;

export function initialRace(ids: StrategyId[], now: number): RaceView {
  const rows: RaceView['rows'] = {};
  for (const id of ids) rows[id] = { id, phase: 'queued', log: [] };
  return { order: ids, rows, printed: [], startedAt: now, stopping: false };
}

function update(view: RaceView, id: StrategyId, f: (c: CandidateView) => CandidateView): RaceView {
  const c = view.rows[id] ?? { id, phase: 'queued', log: [] };
  return { ...view, rows: { ...view.rows, [id]: f(c) } };
}

function tail(log: string[], lines: string[]): string[] {
  return [...log, ...lines].slice(-LOG_LINES);
}

function progress(c: CandidateView, p: Extract<SessionEvent, { type: 'progress' }>['event']): CandidateView {
  switch (p.type) {
    case 'pull':
      return { ...c, pull: { ...(p.ref ? { ref: p.ref } : {}), current: p.current, total: p.total } };
    case 'step': {
      // A new step ends the pull and the previous step's pip phase.
      const step = { n: p.n, of: p.of, instruction: p.instruction, ...(p.stage ? { stage: p.stage } : {}) };
      return { ...c, pull: undefined, pip: undefined, step };
    }
    case 'pip':
      return { ...c, pip: { phase: p.phase, detail: p.detail } };
    case 'log':
      return { ...c, log: tail(c.log, [p.line]) };
    case 'failed':
      return { ...c, log: tail([], p.logTail) };
    default:
      return c;
  }
}

/** Folds one race event into the view. Pure: the time comes in with the event. */
export function raceReducer(view: RaceView, e: SessionEvent, now: number): RaceView {
  switch (e.type) {
    case 'race-start':
      return { ...view, engine: e.engine, order: e.candidates };
    case 'queued':
      return update(view, e.id, (c) => ({ ...c, phase: 'queued' }));
    case 'building':
    case 'inspecting':
    case 'audit':
    case 'smoke':
      return update(view, e.id, (c) => ({ ...c, phase: e.type, startedAt: c.startedAt ?? now }));
    case 'progress':
      return update(view, e.id, (c) => progress(c, e.event));
    case 'done':
    case 'failed': {
      const next = update(view, e.id, (c) => ({
        ...c,
        phase: e.type,
        endedAt: now,
        result: e.result,
        log: c.log.length ? c.log : e.result.logTail.slice(-LOG_LINES),
      }));
      const item: Printed = {
        key: `${e.id}#${view.printed.length}`,
        kind: 'finished',
        view: next.rows[e.id]!,
      };
      return { ...next, printed: [...view.printed, item] };
    }
    case 'repair': {
      // Raced again from the start with the runtime packages the audit named: a live row again.
      const item: Printed = {
        key: `${e.id}#${view.printed.length}`,
        kind: 'repair',
        id: e.id,
        stage: e.repair.kind,
        missing: e.repair.missing,
        apt: e.repair.apt,
      };
      return {
        ...view,
        rows: { ...view.rows, [e.id]: { id: e.id, phase: 'queued', log: [] } },
        printed: [...view.printed, item],
      };
    }
    case 'startup-recheck':
      return { ...view, rechecking: recheckingLine(e) };
    case 'startup-rechecked': {
      const item: Printed = { key: `recheck#${view.printed.length}`, kind: 'info', text: recheckedLine(e) };
      return { ...view, rechecking: undefined, printed: [...view.printed, item] };
    }
    case 'race-end':
      return {
        ...view,
        rechecking: undefined,
        end: { results: e.results, cancelled: e.cancelled, ...(e.removed ? { removed: e.removed } : {}) },
      };
    default:
      return view;
  }
}

/**
 * The session's selection, before the race: only what the engine can build keeps a row; its note
 * and each candidate left out are printed first, as `race` prints them.
 */
export function withSelection(view: RaceView, sel: Selection): RaceView {
  const order = sel.candidates.map((c) => c.id);
  const rows: RaceView['rows'] = {};
  for (const id of order) rows[id] = view.rows[id] ?? { id, phase: 'queued', log: [] };
  const notes: Printed[] = selectionNotes(sel).map((text, i) => ({ key: `note#${i}`, kind: 'note', text }));
  return { ...view, order, rows, printed: [...view.printed, ...notes] };
}

/** Candidates still running or waiting, in race order (the live rows under <Static>). */
export function liveIds(view: RaceView): StrategyId[] {
  return view.order.filter((id) => {
    const phase = view.rows[id]?.phase;
    return phase !== 'done' && phase !== 'failed';
  });
}
