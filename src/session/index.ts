/**
 * The session: the one orchestration between the commands, the wizard and the engine. The
 * wizard (components/) imports this entry point and plain types, nothing else of src/.
 */

export type { EngineInfo, PipPhase } from '../docker/engine.js';
export { describeError, type ErrorReport, formatSource } from '../errors.js';
export { EXIT, type ExitCode } from '../exit-codes.js';
export { endOfLifeNote } from '../project/python-eol.js';
export { redactUrl } from '../redact.js';
export { engineLine } from '../report/engine-line.js';
export { recheckedLine, recheckingLine } from '../report/recheck-lines.js';
export { clip, fact, mb, seconds, startMs, times } from '../report/units.js';
export { PREFERS, type Prefer, STARTUP_RULE } from '../report/winner-rule.js';
export { splitCommand } from '../shell-words.js';
export { buildCommand } from '../strategies/render/build-command.js';
export { repositoryName } from '../strategies/render/escape.js';
export {
  type Answers,
  answersForNewGroups,
  answersForNewPlan,
  applyAnswers,
  compilingOnGlibc,
  type EntryAnswer,
  entryOptions,
  entryText,
  imageName,
  prefillAnswers,
  strategiesForEngine,
  suggestedStrategies,
} from './answers.js';
export { toggleGroup } from './group-choice.js';
export { withPrefer } from './outcome.js';
export { type PlanResult, type PlanTarget, replan } from './plan.js';
export { PYTHONS, type PythonChoice } from './python-choices.js';
export type { RepairEvent } from './race-rounds.js';
export type { Repair } from './repair.js';
export { requestFromFlags } from './request.js';
export {
  checkStrategyIds,
  type EngineTraits,
  type Selection,
  selectionNotes,
  unbuildable,
} from './select-candidates.js';
export { createSession, type SessionParts } from './session.js';
export type * from './types.js';
