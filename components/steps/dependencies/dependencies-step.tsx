import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Verdict } from '../../../src/analysis/types.js';
import { clip } from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';
import { BADGE_WIDTH, Badge } from '../../widgets/badge.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { scrollWindow } from '../../widgets/scroll-window.js';
import { useKeys } from '../../widgets/use-keys.js';
import { useRows, useWidth } from '../../widgets/use-width.js';

export interface DependenciesStepProps {
  verdicts: Verdict[];
  onNext: () => void;
}

/** Step 2: a badge per dependency for glibc and musl; the focused one's reason underneath. */
export function DependenciesStep({ verdicts, onNext }: DependenciesStepProps) {
  const [focus, setFocus] = useState(0);
  const width = useWidth();
  const visible = Math.max(3, Math.min(12, useRows() - 14));
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') setFocus((f) => Math.min(verdicts.length - 1, f + 1));
    else if (key.upArrow || input === 'k') setFocus((f) => Math.max(0, f - 1));
    else if (key.return) onNext();
  });
  const nameWidth = Math.max(12, Math.min(28, width - 2 - 2 * (BADGE_WIDTH + 1) - 8));
  const [from, to] = scrollWindow(verdicts.length, focus, visible);
  const v = verdicts[focus];
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {'  '}
        {'dependency'.padEnd(nameWidth)} {'glibc'.padEnd(BADGE_WIDTH)} {'musl'.padEnd(BADGE_WIDTH)} from
      </Text>
      {verdicts.length === 0 ? (
        <Text> No dependencies found: only the standard library is needed.</Text>
      ) : null}
      {verdicts.slice(from, to).map((d, i) => {
        const on = from + i === focus;
        return (
          <Text key={d.name} wrap="truncate-end">
            <Text color={COLOR.focus}>{on ? '› ' : '  '}</Text>
            <Text bold={on}>{clip(d.name, nameWidth).padEnd(nameWidth)}</Text> <Badge value={d.glibc} />{' '}
            <Badge value={d.musl} /> <Text dimColor>{d.source}</Text>
          </Text>
        );
      })}
      {to - from < verdicts.length ? (
        <Text dimColor>
          {'  '}
          {from + 1}-{to} of {verdicts.length}
        </Text>
      ) : null}
      {v ? <VerdictDetail v={v} /> : null}
      <KeyHints
        hints={[
          ['↑↓', 'move'],
          ['Enter', 'confirm'],
          ['Esc', 'back'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

function VerdictDetail({ v }: { v: Verdict }) {
  const build = v.buildPackages.apt.join(' ');
  const run = v.runtimePackages.apt.join(' ');
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold wrap="truncate-end">
        {v.name}
        {v.version ? ` ${v.version}` : ''}
        {v.via ? <Text dimColor> (via {v.via})</Text> : null}
      </Text>
      <Text>{v.reason}</Text>
      {build || run ? (
        <Text dimColor wrap="truncate-end">
          apt: build {build || '-'} · run {run || '-'}
        </Text>
      ) : null}
      {v.traps.map((t) => (
        <Text key={t} color={COLOR.warn}>
          ! {t}
        </Text>
      ))}
    </Box>
  );
}
