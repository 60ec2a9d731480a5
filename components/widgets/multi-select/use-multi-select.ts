import { type Dispatch, useEffect, useReducer } from 'react';
import { useKeys } from '../use-keys.js';
import {
  initialMultiSelect,
  type MultiSelectAction,
  type MultiSelectOption,
  type MultiSelectState,
  multiSelectReducer,
} from './multi-select-state.js';

export interface UseMultiSelect {
  options: MultiSelectOption[];
  defaultValue: string[];
  isDisabled?: boolean;
  onFocus?: (value: string | undefined) => void;
  onChange?: (value: string[]) => void;
  onSubmit?: (value: string[]) => void;
}

/** Keys: ↑/↓ or k/j move, Space toggles, Enter submits. */
export function useMultiSelect(p: UseMultiSelect): [MultiSelectState, Dispatch<MultiSelectAction>] {
  const [state, dispatch] = useReducer(multiSelectReducer, undefined, () =>
    initialMultiSelect(p.options, p.defaultValue),
  );
  // Options that change after the first frame (the engine answered: some cannot be built) replace the old ones.
  const shown = p.options.map((o) => `${o.value}\u0000${o.hint ?? ''}\u0000${o.disabled ? 1 : 0}`).join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options change when what they show changes
  useEffect(() => {
    dispatch({ type: 'reset', options: p.options });
  }, [shown]);
  const focused = state.options[state.focus]?.value;
  const { onFocus, onChange } = p;
  useEffect(() => {
    onFocus?.(focused);
  }, [focused, onFocus]);
  useEffect(() => {
    onChange?.(state.selected);
  }, [state.selected, onChange]);
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') dispatch({ type: 'focus-next' });
    else if (key.upArrow || input === 'k') dispatch({ type: 'focus-previous' });
    else if (input === ' ') dispatch({ type: 'toggle-focused' });
    else if (key.return) p.onSubmit?.(state.selected);
  }, !p.isDisabled);
  return [state, dispatch];
}
