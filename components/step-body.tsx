import { Text } from 'ink';
import { type Dispatch, useCallback, useMemo } from 'react';
import {
  compilingOnGlibc,
  type EntryAnswer,
  EXIT,
  imageName,
  type Session,
  unbuildable,
} from '../src/session/index.js';
import type { StrategyId } from '../src/strategies/types.js';
import { type Action, racedCandidates, type WizardState, writeChoice } from './state.js';
import { DependenciesStep } from './steps/dependencies/dependencies-step.js';
import { replanGroups } from './steps/dependencies/replan-groups.js';
import { LeaderboardStep } from './steps/leaderboard/leaderboard-step.js';
import { NativeStep } from './steps/native/native-step.js';
import { ProjectStep } from './steps/project/project-step.js';
import { PythonEntryStep } from './steps/python-entry/python-entry-step.js';
import { RaceStep } from './steps/race/race-step.js';
import { StrategiesStep } from './steps/strategies/strategies-step.js';
import { WriteStep } from './steps/write/write-step.js';
import { COLOR } from './theme.js';

export interface StepBodyProps {
  s: WizardState;
  dispatch: Dispatch<Action>;
  session: Session;
  dir: string;
}

/** The current step's screen, wired to the reducer: each step gets its data and turns keys into actions. */
export function StepBody({ s, dispatch, session, dir }: StepBodyProps) {
  const plan = s.plan;
  const onTyping = useCallback((q: boolean) => dispatch({ type: 'capture', keys: { q } }), [dispatch]);
  const onDetail = useCallback((esc: boolean) => dispatch({ type: 'capture', keys: { esc } }), [dispatch]);
  const onStrategies = useCallback(
    (ids: StrategyId[]) => dispatch({ type: 'answer', answers: { strategies: ids } }),
    [dispatch],
  );
  const { planOnly, outcome, winner } = s;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the choice changes only with what it is made of
  const choice = useMemo(() => writeChoice(s), [plan, planOnly, outcome, winner]);

  const submitPythonEntry = (a: { python: string; entry: EntryAnswer }) => {
    if (!s.base || a.python === s.base.options.python) {
      dispatch({ type: 'answer', answers: a });
      dispatch({ type: 'next' });
      return;
    }
    // A new Python version changes the scan and the wheel verdicts: plan again from scratch.
    dispatch({ type: 'busy', text: `Planning again for Python ${a.python}…` });
    session.plan(a.python, s.asked.project).then(
      (p) => {
        dispatch({ type: 'planned', plan: p, python: a.python });
        dispatch({ type: 'answer', answers: { entry: a.entry } });
        dispatch({ type: 'next' });
      },
      (error) => dispatch({ type: 'step-error', error }),
    );
  };

  const { base, answers } = s;
  if (s.step === 'project' || !plan || !base || !answers) {
    return (
      <ProjectStep
        dir={dir}
        {...(plan ? { plan } : {})}
        planError={s.planError}
        engine={s.engine}
        planOnly={s.planOnly}
        onNext={() => dispatch({ type: 'next' })}
        onPlanOnly={() => dispatch({ type: 'plan-only' })}
      />
    );
  }
  switch (s.step) {
    case 'dependencies':
      return (
        <DependenciesStep
          verdicts={base.verdicts}
          groups={base.project.groups}
          dependencies={base.project.dependencies}
          busy={s.pendingGroups ? (s.busy ?? 'Planning again…') : undefined}
          error={s.stepError}
          onToggle={(g) => replanGroups(session, s, dispatch, g)}
          onNext={() => dispatch({ type: 'next' })}
        />
      );
    case 'native':
      return (
        <NativeStep
          compiling={compilingOnGlibc(base)}
          initial={answers}
          onTyping={onTyping}
          onSubmit={(a) => {
            dispatch({ type: 'answer', answers: a });
            dispatch({ type: 'next' });
          }}
        />
      );
    case 'python-entry':
      return (
        <PythonEntryStep
          project={base.project}
          python={answers.python}
          entry={answers.entry}
          {...(s.pythonChoices ? { choices: s.pythonChoices } : {})}
          picked={s.asked.python !== undefined}
          busy={s.busy}
          error={s.stepError}
          onTyping={onTyping}
          onOwnEscape={onDetail}
          onSubmit={submitPythonEntry}
        />
      );
    case 'strategies':
      return (
        <StrategiesStep
          candidates={plan.candidates}
          selected={answers.strategies}
          recommended={plan.recommended.ids}
          unbuildable={s.engine.status === 'ready' ? unbuildable(plan.candidates, s.engine.info) : []}
          onChange={onStrategies}
          onSubmit={(ids) => {
            onStrategies(ids);
            dispatch({ type: 'start-race', now: session.now() });
          }}
        />
      );
    case 'race':
      return s.race ? (
        <RaceStep
          view={s.race}
          now={session.now}
          settings={session.request.race}
          confirmQuit={s.confirmQuit}
          error={s.raceError}
        />
      ) : null;
    case 'leaderboard':
      return s.outcome ? (
        <LeaderboardStep
          board={s.outcome.board}
          candidates={racedCandidates(s)}
          onDetail={onDetail}
          onPick={(id) => dispatch({ type: 'pick', id })}
          onPrefer={(prefer) => dispatch({ type: 'prefer', prefer })}
        />
      ) : null;
    case 'write':
      return choice ? (
        <WriteStep
          session={session}
          choice={choice}
          name={imageName(plan)}
          onWritten={() => dispatch({ type: 'written' })}
          onDone={() => dispatch({ type: 'exit', code: EXIT.ok })}
        />
      ) : (
        <Text color={COLOR.error}>Nothing to write: no candidate applies.</Text>
      );
    default:
      return null;
  }
}
