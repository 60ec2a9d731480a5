import { Box, Text } from 'ink';
import { useCallback, useState } from 'react';
import type { Candidate, StrategyId } from '../../../src/strategies/types.js';
import { COLOR } from '../../theme.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { MultiSelect } from '../../widgets/multi-select/multi-select.js';
import { useRows } from '../../widgets/use-width.js';

export interface StrategiesStepProps {
  candidates: Candidate[];
  selected: StrategyId[];
  /** The recommended order (plan.recommended.ids). */
  recommended: StrategyId[];
  /** What the connected engine cannot build, with why (empty until it answered). */
  unbuildable?: { id: StrategyId; reason: string }[];
  onChange: (ids: StrategyId[]) => void;
  onSubmit: (ids: StrategyId[]) => void;
}

/** Step 5: which strategies to race; the focused one explains what it teaches. */
export function StrategiesStep(p: StrategiesStepProps) {
  const [focused, setFocused] = useState<string | undefined>(p.candidates[0]?.id);
  const [empty, setEmpty] = useState(false);
  const rows = useRows();
  const { onChange } = p;
  const change = useCallback((v: string[]) => onChange(v as StrategyId[]), [onChange]);
  const c = p.candidates.find((x) => x.id === focused);
  const out = p.unbuildable ?? [];
  const engineReason = (id: StrategyId) => out.find((o) => o.id === id)?.reason;
  const cannot = (id: StrategyId) => engineReason(id) !== undefined;
  const options = p.candidates.map((x) => ({
    value: x.id,
    label: x.id,
    hint: !x.applicable
      ? `n/a: ${x.reason}`
      : cannot(x.id)
        ? 'not on this engine'
        : `${p.recommended[0] === x.id ? '★ ' : ''}${x.tradeoffs.size}`,
    disabled: !x.applicable || cannot(x.id),
  }));
  // One dim line per reason (usually one): which ones, and why this engine cannot build them.
  const reasons = [...new Set(out.map((o) => o.reason))].map((reason) => ({
    reason,
    ids: out.filter((o) => o.reason === reason).map((o) => o.id),
  }));
  return (
    <Box flexDirection="column">
      <Text bold>Which strategies should race? (suggested ones are ticked)</Text>
      <MultiSelect
        options={options}
        defaultValue={p.selected}
        visibleCount={Math.max(3, Math.min(8, rows - 16))}
        onFocus={setFocused}
        onChange={change}
        onSubmit={(v) => {
          if (v.length === 0) setEmpty(true);
          else p.onSubmit(v as StrategyId[]);
        }}
      />
      {reasons.map((r) => (
        <Text key={r.reason} dimColor wrap="truncate-end">
          {'  '}not on this engine: {r.ids.join(', ')}: {r.reason}
        </Text>
      ))}
      {empty ? <Text color={COLOR.error}>Tick at least one strategy (Space).</Text> : null}
      {c ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold wrap="truncate-end">
            {c.title}
          </Text>
          <Text>{c.teaches}</Text>
          {/* Why it is unticked, in full (the line under the list is cut at the edge). */}
          {engineReason(c.id) ? (
            <Text color={COLOR.warn}>not on this engine: {engineReason(c.id)}</Text>
          ) : (
            <Text dimColor>{c.reason}</Text>
          )}
          {c.applicable && !cannot(c.id) ? (
            <Text dimColor wrap="truncate-end">
              build: {c.tradeoffs.buildTime}
            </Text>
          ) : null}
          {(c.warnings ?? []).map((w) => (
            <Text key={w} color={COLOR.warn}>
              ! {w}
            </Text>
          ))}
        </Box>
      ) : null}
      <KeyHints
        hints={[
          ['↑↓', 'move'],
          ['Space', 'tick'],
          ['Enter', 'race'],
          ['Esc', 'back'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}
