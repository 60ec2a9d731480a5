/** A multi-select's state and its reducer (the pattern of ink-ui's select: state, actions, input hook, view). */
export interface MultiSelectOption {
  value: string;
  label: string;
  /** A short line after the label (a trade-off, a reason). */
  hint?: string;
  /** Shown but not selectable (the hint says why). */
  disabled?: boolean;
}

export interface MultiSelectState {
  options: MultiSelectOption[];
  focus: number;
  selected: string[];
}

export type MultiSelectAction =
  | { type: 'focus-next' }
  | { type: 'focus-previous' }
  | { type: 'toggle-focused' }
  /** New options (one became disabled): the ticks lose what is disabled, the focus stays. */
  | { type: 'reset'; options: MultiSelectOption[] };

export function initialMultiSelect(options: MultiSelectOption[], selected: string[]): MultiSelectState {
  const allowed = new Set(options.filter((o) => !o.disabled).map((o) => o.value));
  return { options, focus: 0, selected: selected.filter((v) => allowed.has(v)) };
}

export function multiSelectReducer(state: MultiSelectState, action: MultiSelectAction): MultiSelectState {
  const n = state.options.length;
  switch (action.type) {
    case 'focus-next':
      return n ? { ...state, focus: (state.focus + 1) % n } : state;
    case 'focus-previous':
      return n ? { ...state, focus: (state.focus - 1 + n) % n } : state;
    case 'toggle-focused': {
      const o = state.options[state.focus];
      if (!o || o.disabled) return state;
      const on = state.selected.includes(o.value);
      // Keep the options' order, so the result does not depend on the order of key presses.
      const next = on ? state.selected.filter((v) => v !== o.value) : [...state.selected, o.value];
      return { ...state, selected: state.options.map((x) => x.value).filter((v) => next.includes(v)) };
    }
    case 'reset': {
      const next = initialMultiSelect(action.options, state.selected);
      // The same ticks stay the same array: whoever listens to changes hears none.
      const selected = next.selected.join() === state.selected.join() ? state.selected : next.selected;
      return {
        options: action.options,
        selected,
        focus: Math.min(state.focus, Math.max(0, action.options.length - 1)),
      };
    }
    default:
      return state;
  }
}
