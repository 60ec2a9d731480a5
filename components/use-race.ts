import { type Dispatch, useCallback, useEffect, useRef } from 'react';
import { EXIT, type Session } from '../src/session/index.js';
import type { Action, WizardState } from './state.js';

/**
 * Runs a race each time the state asks for one (raceRun), folding its events into the state;
 * returns whether one is running and how to stop it (abort: the engine removes what it made).
 */
export function useRace(session: Session, s: WizardState, dispatch: Dispatch<Action>) {
  const abort = useRef<AbortController | undefined>(undefined);
  // One race per `start-race`; its events fold into the state as they come.
  const plan = s.plan;
  const raceIds = s.answers?.strategies;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a race starts only when raceRun is bumped
  useEffect(() => {
    if (s.raceRun === 0 || !plan || !raceIds) return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    (async () => {
      try {
        // The same selection as `race`: once the engine answered, what it cannot build is left out.
        await session.connect();
        const selection = session.select(plan, raceIds);
        dispatch({ type: 'race-selected', selection });
        for await (const event of session.race({
          plan,
          candidates: selection.candidates,
          signal: ctrl.signal,
        })) {
          dispatch({ type: 'race-event', event, now: session.now() });
          if (event.type === 'race-end' && event.cancelled) dispatch({ type: 'exit', code: EXIT.cancelled });
        }
      } catch (error) {
        dispatch({ type: 'race-failed', error });
      }
    })();
    return () => ctrl.abort();
  }, [s.raceRun]);

  const racing = s.step === 'race' && s.race !== undefined && !s.race.end && !s.raceError;
  const stopRace = useCallback(() => {
    abort.current?.abort();
    dispatch({ type: 'stop-race' });
  }, [dispatch]);
  return { racing, stopRace };
}
