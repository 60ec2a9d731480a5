import { type Key, useInput } from 'ink';
import { createContext, type ReactNode, useCallback, useContext, useLayoutEffect, useRef } from 'react';

type Handler = (input: string, key: Key) => void;
type Entry = { current: Handler };

const Bus = createContext<Set<Entry> | undefined>(undefined);

/**
 * One Ink input subscription for the whole wizard, handing each key to the handlers of the
 * components mounted right now. Ink subscribes every useInput in a passive effect, which can run
 * a moment after the new step is drawn: a key typed in that moment would be lost, or reach the
 * step that just went away. Handlers here register in layout effects, which run as the frame
 * is committed, so every key meets the steps on screen.
 */
export function KeyBus({ children }: { children: ReactNode }) {
  const handlers = useRef(new Set<Entry>()).current;
  useInput((input, key) => {
    for (const h of [...handlers]) h.current(input, key);
  });
  return <Bus.Provider value={handlers}>{children}</Bus.Provider>;
}

/** Keys for this component, always with its latest props; outside a KeyBus it is plain useInput. */
export function useKeys(handler: Handler, active = true): void {
  const bus = useContext(Bus);
  const latest = useRef(handler);
  const on = useRef(active);
  latest.current = handler;
  on.current = active;
  const call = useCallback((input: string, key: Key) => {
    if (on.current) latest.current(input, key);
  }, []);
  useLayoutEffect(() => {
    if (!bus) return;
    const entry: Entry = { current: call };
    bus.add(entry);
    return () => {
      bus.delete(entry);
    };
  }, [bus, call]);
  useInput(call, { isActive: bus === undefined });
}
