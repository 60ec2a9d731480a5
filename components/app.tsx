import { ThemeProvider } from '@inkjs/ui';
import { Box, Text, useApp } from 'ink';
import { useEffect, useReducer } from 'react';
import { describeError, EXIT, type ExitCode, type Session } from '../src/session/index.js';
import { initialState, STEPS, type Step, wizardReducer } from './state.js';
import { StepBody } from './step-body.js';
import { PrintedLines } from './steps/race/printed-lines.js';
import { COLOR, UI_THEME } from './theme.js';
import { useRace } from './use-race.js';
import { KeyBus, useKeys } from './widgets/use-keys.js';
import { useWidth } from './widgets/use-width.js';

const TITLES: Record<Step, string> = {
  project: 'Project',
  dependencies: 'Dependencies',
  native: 'Native compile',
  'python-entry': 'Python and entry command',
  strategies: 'Strategies',
  race: 'Race',
  leaderboard: 'Leaderboard',
  write: 'Write',
};

export interface AppProps {
  session: Session;
  /** The project directory as the user gave it (for messages). */
  dir: string;
  /** Aborted from outside (SIGTERM): stop a race cleanly, else quit. */
  stop?: AbortSignal;
  /** The exit code: written, quit without writing, the project could not be read, stopped (EXIT). */
  onExit?: (code: ExitCode) => void;
}

/** The wizard: a reducer-driven step machine; steps render state and turn keys into answers. */
export function App(props: AppProps) {
  return (
    <ThemeProvider theme={UI_THEME}>
      <KeyBus>
        <Wizard {...props} />
      </KeyBus>
    </ThemeProvider>
  );
}

function Wizard({ session, dir, stop, onExit }: AppProps) {
  // --strategies: preselected instead of the suggestion.
  const [s, dispatch] = useReducer(wizardReducer, session.request.strategies, initialState);
  const app = useApp();
  const width = useWidth();

  useEffect(() => {
    // Connect first: the plan judges wheels for the engine's architecture (this machine's without one).
    session.connect().then(
      (info) => dispatch({ type: 'connected', info }),
      (error) => dispatch({ type: 'no-engine', error }),
    );
    session.plan().then(
      (plan) => dispatch({ type: 'planned', plan }),
      (error) => dispatch({ type: 'plan-failed', error }),
    );
  }, [session]);

  // What each Python version allows, planned behind the first steps: the Python step lists them
  // (again when the groups changed, since they change the dependencies).
  const planned = s.base !== undefined;
  const groups = s.asked.project;
  useEffect(() => {
    if (!planned) return;
    let current = true;
    session.pythonChoices(groups).then(
      (choices) => current && dispatch({ type: 'python-choices', choices }),
      // Without the comparison the step still offers the current version.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [session, planned, groups]);

  const { racing, stopRace } = useRace(session, s, dispatch);

  useEffect(() => {
    if (s.exit === undefined) return;
    onExit?.(s.exit);
    app.exit();
  }, [s.exit, onExit, app]);

  const quitCode = s.wrote ? EXIT.ok : s.planError ? describeError(s.planError).exitCode : EXIT.noWinner;

  useEffect(() => {
    if (!stop) return;
    const onStop = () => (racing ? stopRace() : dispatch({ type: 'exit', code: EXIT.cancelled }));
    if (stop.aborted) onStop();
    stop.addEventListener('abort', onStop);
    return () => stop.removeEventListener('abort', onStop);
  }, [stop, racing, stopRace]);

  useKeys((input, key) => {
    if (key.ctrl && input === 'c') {
      // First Ctrl-C in a race stops it cleanly; a second one leaves at once (`slim-py clean` tidies up).
      if (racing && !s.race?.stopping) stopRace();
      else if (racing) {
        const note = 'Left before the cleanup finished: `slim-py clean` removes what this run made.';
        dispatch({ type: 'exit', code: EXIT.cancelled, note });
      } else dispatch({ type: 'exit', code: quitCode });
      return;
    }
    if (s.confirmQuit) {
      if (input === 'y') stopRace();
      else if (input === 'n' || key.escape) dispatch({ type: 'cancel-quit' });
      return;
    }
    if (key.escape && !s.capture.esc) dispatch({ type: 'back' });
    else if (input === 'q' && !s.capture.q) {
      if (racing) {
        if (!s.race?.stopping) dispatch({ type: 'ask-quit' });
      } else dispatch({ type: 'exit', code: quitCode });
    }
  });

  const steps = STEPS.filter((x) => !(s.planOnly && ['strategies', 'race', 'leaderboard'].includes(x)));
  return (
    <Box flexDirection="column">
      {s.race ? <PrintedLines key={s.raceRun} printed={s.race.printed} width={width} /> : null}
      <Text wrap="truncate-end">
        <Text bold color={COLOR.brand}>
          slim-py
        </Text>{' '}
        <Text dimColor>
          {steps.indexOf(s.step) + 1}/{steps.length}
        </Text>{' '}
        <Text bold>{TITLES[s.step]}</Text>
        {s.planOnly ? <Text color={COLOR.warn}> · plan only (no Docker)</Text> : null}
      </Text>
      <StepBody s={s} dispatch={dispatch} session={session} dir={dir} />
      {s.exitNote ? <Text color={COLOR.warn}>{s.exitNote}</Text> : null}
    </Box>
  );
}
