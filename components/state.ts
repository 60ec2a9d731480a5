import {
  type Answers,
  answersForNewGroups,
  answersForNewPlan,
  applyAnswers,
  type EngineInfo,
  type ExitCode,
  type PlanResult,
  type Prefer,
  type ProjectChoices,
  type PythonChoice,
  prefillAnswers,
  type RaceOutcome,
  type Selection,
  type SessionEvent,
  strategiesForEngine,
  type WriteChoice,
  withPrefer,
} from '../src/session/index.js';
import type { Candidate, StrategyId } from '../src/strategies/types.js';
import { initialRace, type RaceView, raceReducer, withSelection } from './steps/race/race-state.js';

export const STEPS = [
  'project',
  'dependencies',
  'native',
  'python-entry',
  'strategies',
  'race',
  'leaderboard',
  'write',
] as const;
export type Step = (typeof STEPS)[number];

/** Steps that need a Docker engine: skipped in plan-only mode. */
const MEASURED: Step[] = ['strategies', 'race', 'leaderboard'];

/** Going back never re-enters a finished race: back from the leaderboard is the strategies step. */
const NOT_BACK_INTO: Step[] = ['race'];

export type EngineStatus =
  | { status: 'connecting' }
  | { status: 'ready'; info: EngineInfo }
  | { status: 'missing'; error: unknown };

export interface WizardState {
  step: Step;
  /** The plan as the engine made it; `plan` is it with the answers applied. */
  base?: PlanResult;
  plan?: PlanResult;
  answers?: Answers;
  /** Strategies asked for with --strategies (preselected). */
  wanted?: string[];
  planError?: unknown;
  /** What the shown plan was asked for: a Python version the user chose, the groups the user changed. */
  asked: { python?: string; project?: ProjectChoices };
  /** The group choice being planned (the dependencies step waits for it). */
  pendingGroups?: ProjectChoices;
  /** What each Python version allows (the Python step's list), once the session planned them. */
  pythonChoices?: PythonChoice[];
  /** A long action under way ("re-planning for Python 3.12"), shown with a spinner. */
  busy?: string;
  /** A problem with the last answer (bad Python version, re-plan failed): shown on its step. */
  stepError?: unknown;
  engine: EngineStatus;
  planOnly: boolean;
  race?: RaceView;
  /** Bumped to start a race: the App's race effect keys on it. */
  raceRun: number;
  raceError?: unknown;
  /** How the last race ended: its ranking and its final (repaired) candidates. */
  outcome?: RaceOutcome;
  winner?: StrategyId | undefined;
  /** Keys the focused step handles itself: `q` while typing, Esc while a detail view is open. */
  capture: { q: boolean; esc: boolean };
  confirmQuit: boolean;
  wrote: boolean;
  exit?: ExitCode;
  /** Said as the wizard leaves (e.g. a second Ctrl-C cut the cleanup short). */
  exitNote?: string;
}

export type Action =
  /** `python`: the version the user chose, when the plan was made for one. */
  | { type: 'planned'; plan: PlanResult; python?: string }
  /** A group flipped: the session plans with this choice. */
  | { type: 'groups'; project: ProjectChoices; text: string }
  | { type: 'groups-planned'; project: ProjectChoices; plan: PlanResult }
  | { type: 'groups-failed'; project: ProjectChoices; error: unknown }
  | { type: 'plan-failed'; error: unknown }
  | { type: 'python-choices'; choices: PythonChoice[] }
  | { type: 'connected'; info: EngineInfo }
  | { type: 'no-engine'; error: unknown }
  | { type: 'plan-only' }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'answer'; answers: Partial<Answers> }
  | { type: 'busy'; text?: string }
  | { type: 'step-error'; error?: unknown }
  | { type: 'start-race'; now: number }
  /** What the session picked to race on this engine (its note, what it left out). */
  | { type: 'race-selected'; selection: Selection }
  | { type: 'race-event'; event: SessionEvent; now: number }
  | { type: 'race-failed'; error: unknown }
  | { type: 'stop-race' }
  | { type: 'ask-quit' }
  | { type: 'cancel-quit' }
  | { type: 'pick'; id: StrategyId }
  /** Rank the same race under another winner rule. */
  | { type: 'prefer'; prefer: Prefer }
  | { type: 'capture'; keys: Partial<WizardState['capture']> }
  | { type: 'written' }
  | { type: 'exit'; code: ExitCode; note?: string };

export function initialState(wanted?: string[]): WizardState {
  return {
    step: 'project',
    asked: {},
    engine: { status: 'connecting' },
    planOnly: false,
    raceRun: 0,
    capture: { q: false, esc: false },
    confirmQuit: false,
    wrote: false,
    ...(wanted ? { wanted } : {}),
  };
}

function skipped(s: WizardState, step: Step, dir: 1 | -1): boolean {
  return (s.planOnly && MEASURED.includes(step)) || (dir < 0 && NOT_BACK_INTO.includes(step));
}

function move(s: WizardState, dir: 1 | -1): Step {
  let i = STEPS.indexOf(s.step) + dir;
  while (i > 0 && i < STEPS.length - 1 && skipped(s, STEPS[i]!, dir)) i += dir;
  return STEPS[Math.max(0, Math.min(STEPS.length - 1, i))]!;
}

/** A new step starts with its own keys and no leftover error. */
function go(s: WizardState, step: Step): WizardState {
  // Steps with a text field say so when it takes the keys (then `q` is a letter).
  const capture = { q: false, esc: false };
  return { ...s, step, stepError: undefined, busy: undefined, capture, confirmQuit: false };
}

function engineInfo(s: WizardState): EngineInfo | undefined {
  return s.engine.status === 'ready' ? s.engine.info : undefined;
}

function withAnswers(s: WizardState, base: PlanResult, answers: Answers): WizardState {
  return { ...s, base, answers, plan: applyAnswers(base, answers) };
}

export function wizardReducer(s: WizardState, a: Action): WizardState {
  switch (a.type) {
    case 'planned': {
      // A re-plan (new Python) keeps what the user typed; the ticks follow the new plan.
      const engine = engineInfo(s);
      const answers = s.answers
        ? answersForNewPlan(s.answers, a.plan, s.wanted, engine)
        : prefillAnswers(a.plan, s.wanted, engine);
      const asked = a.python ? { ...s.asked, python: a.python } : s.asked;
      return { ...withAnswers(s, a.plan, answers), asked, planError: undefined, busy: undefined };
    }
    case 'groups':
      return { ...s, pendingGroups: a.project, busy: a.text, stepError: undefined };
    case 'groups-planned': {
      // Only the answer to the last change counts.
      if (a.project !== s.pendingGroups || !s.base || !s.answers) return s;
      const answers = answersForNewGroups(s.answers, s.base, a.plan, s.wanted, engineInfo(s));
      return {
        ...withAnswers(s, a.plan, answers),
        asked: { ...s.asked, project: a.project },
        pendingGroups: undefined,
        busy: undefined,
        // The Python step's comparison was made with the old groups: the App plans it again.
        pythonChoices: undefined,
      };
    }
    case 'groups-failed':
      if (a.project !== s.pendingGroups) return s;
      return { ...s, pendingGroups: undefined, busy: undefined, stepError: a.error };
    case 'python-choices':
      return { ...s, pythonChoices: a.choices };
    case 'plan-failed':
      return { ...s, planError: a.error, busy: undefined };
    case 'connected': {
      const engine = { status: 'ready', info: a.info } as const;
      // What this engine cannot build is not ticked (the strategies step says why).
      if (!s.base || !s.answers) return { ...s, engine };
      const strategies = strategiesForEngine(s.answers.strategies, s.base, a.info, s.wanted);
      return { ...withAnswers(s, s.base, { ...s.answers, strategies }), engine };
    }
    case 'no-engine':
      return { ...s, engine: { status: 'missing', error: a.error } };
    case 'plan-only':
      return { ...s, planOnly: true };
    case 'next':
      return go(s, move(s, 1));
    case 'back':
      // A running race cannot be left by Esc: it is stopped with q (and cleans up).
      if (s.step === 'project' || (s.step === 'race' && s.race && !s.race.end && !s.raceError)) return s;
      return go(s, move(s, -1));
    case 'answer':
      if (!s.base || !s.answers) return s;
      return withAnswers(s, s.base, { ...s.answers, ...a.answers });
    case 'busy':
      return { ...s, busy: a.text };
    case 'step-error':
      return { ...s, stepError: a.error, busy: undefined };
    case 'start-race':
      return {
        ...go(s, 'race'),
        race: initialRace(s.answers?.strategies ?? [], a.now),
        raceRun: s.raceRun + 1,
        raceError: undefined,
        outcome: undefined,
      };
    case 'race-selected':
      return s.race ? { ...s, race: withSelection(s.race, a.selection) } : s;
    case 'race-event': {
      if (!s.race) return s;
      const race = raceReducer(s.race, a.event, a.now);
      if (a.event.type !== 'race-end' || a.event.cancelled) return { ...s, race };
      const { type: _, ...outcome } = a.event;
      return { ...go(s, 'leaderboard'), race, outcome, winner: outcome.board.winner };
    }
    case 'race-failed':
      return { ...s, raceError: a.error, race: s.race ? { ...s.race, stopping: false } : s.race };
    case 'stop-race':
      return { ...s, confirmQuit: false, race: s.race ? { ...s.race, stopping: true } : s.race };
    case 'ask-quit':
      return { ...s, confirmQuit: true };
    case 'cancel-quit':
      return { ...s, confirmQuit: false };
    case 'pick':
      return { ...go(s, 'write'), winner: a.id };
    case 'prefer': {
      if (!s.outcome) return s;
      const outcome = withPrefer(s.outcome, a.prefer);
      return { ...s, outcome, winner: outcome.board.winner };
    }
    case 'capture':
      return { ...s, capture: { ...s.capture, ...a.keys } };
    case 'written':
      return { ...s, wrote: true };
    case 'exit':
      return { ...s, exit: a.code, ...(a.note ? { exitNote: a.note } : {}) };
    default:
      return s;
  }
}

/** The candidates as last raced (repaired ones as repaired), else as planned. */
export function racedCandidates(s: WizardState): Candidate[] {
  return s.outcome?.candidates ?? s.plan?.candidates ?? [];
}

/** What the write step writes: the picked winner of the race, or in plan-only mode the recommended one. */
export function writeChoice(s: WizardState): WriteChoice | undefined {
  if (!s.plan) return undefined;
  const race = s.planOnly ? undefined : s.outcome;
  const id = race ? s.winner : s.plan.recommended.ids[0];
  const from = race ? race.candidates : s.plan.candidates;
  if (!id || !from.some((c) => c.id === id)) return undefined;
  return { plan: s.plan, id, ...(race ? { race } : {}) };
}
