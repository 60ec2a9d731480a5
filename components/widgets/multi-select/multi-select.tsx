import { Box, Text } from 'ink';
import { COLOR } from '../../theme.js';
import { scrollWindow } from '../scroll-window.js';
import type { MultiSelectOption } from './multi-select-state.js';
import { type UseMultiSelect, useMultiSelect } from './use-multi-select.js';

export type { MultiSelectOption } from './multi-select-state.js';

export interface MultiSelectProps extends UseMultiSelect {
  /** Rows shown at once; the list scrolls to keep the focused one visible. */
  visibleCount?: number;
  /** Width of the label column, so hints line up. */
  labelWidth?: number;
}

/** One line per option: focus marker, [x] box, label, hint; cut at the terminal's edge. */
export function MultiSelect({ visibleCount = 10, labelWidth, ...p }: MultiSelectProps) {
  const [state] = useMultiSelect(p);
  const [from, to] = scrollWindow(state.options.length, state.focus, visibleCount);
  const width = labelWidth ?? Math.max(...state.options.map((o) => o.label.length));
  return (
    <Box flexDirection="column">
      {state.options.slice(from, to).map((o: MultiSelectOption, i) => {
        const focused = from + i === state.focus;
        const on = state.selected.includes(o.value);
        const box = o.disabled ? '[-]' : on ? '[x]' : '[ ]';
        return (
          <Text key={o.value} wrap="truncate-end" dimColor={o.disabled}>
            <Text color={focused ? COLOR.focus : undefined}>{focused ? '› ' : '  '}</Text>
            <Text color={on ? COLOR.ok : undefined}>{box}</Text>{' '}
            <Text bold={focused}>{o.label.padEnd(width)}</Text>
            {o.hint ? <Text dimColor> {o.hint}</Text> : null}
          </Text>
        );
      })}
      {to - from < state.options.length ? (
        <Text dimColor>
          {'  '}
          {from + 1}-{to} of {state.options.length}
        </Text>
      ) : null}
    </Box>
  );
}
