import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Verdict } from '../../../src/analysis/types.js';
import type { Dependency, DependencyGroup } from '../../../src/project/types.js';
import { clip } from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';
import { BADGE_WIDTH, Badge } from '../../widgets/badge.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { scrollWindow } from '../../widgets/scroll-window.js';
import { useKeys } from '../../widgets/use-keys.js';
import { useRows, useWidth } from '../../widgets/use-width.js';
import { UserErrorView } from '../../widgets/user-error.js';
import { GroupDetail, GroupRows } from './group-rows.js';

export interface DependenciesStepProps {
  verdicts: Verdict[];
  /** The project's groups and extras with the plan's choice; none: the step lists the verdicts only. */
  groups?: DependencyGroup[];
  /** Every declared dependency (a group's members are named in its detail). */
  dependencies?: Dependency[];
  /** Re-planning after a group changed (the list below is the old plan's until it is done). */
  busy?: string | undefined;
  /** The last re-plan failed: why. */
  error?: unknown;
  /** Space on a group: install it or leave it out. */
  onToggle?: (group: DependencyGroup) => void;
  onNext: () => void;
}

/**
 * Step 2: the groups and extras (Space changes what is installed, and the plan is made again),
 * then a badge per dependency for glibc and musl; the focused row's detail underneath. One cursor
 * runs through both lists.
 */
export function DependenciesStep({
  verdicts,
  groups = [],
  dependencies = [],
  busy,
  error,
  onToggle,
  onNext,
}: DependenciesStepProps) {
  const [cursor, setCursor] = useState(0);
  const width = useWidth();
  const rows = groups.length + verdicts.length;
  // A re-plan can shorten the list under the cursor.
  const at = Math.max(0, Math.min(cursor, rows - 1));
  const visible = Math.max(3, Math.min(12, useRows() - 14 - (groups.length ? groups.length + 2 : 0)));
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') setCursor(Math.min(rows - 1, at + 1));
    else if (key.upArrow || input === 'k') setCursor(Math.max(0, at - 1));
    // While re-planning, the rows are the old plan's: a second change or Enter waits for the new one.
    else if (busy) return;
    else if (input === ' ' && at < groups.length) onToggle?.(groups[at]!);
    else if (key.return) onNext();
  });
  const focus = at - groups.length;
  const g = groups[at];
  const nameWidth = Math.max(12, Math.min(28, width - 2 - 2 * (BADGE_WIDTH + 1) - 8));
  const [from, to] = scrollWindow(verdicts.length, Math.max(0, focus), visible);
  const v = verdicts[focus];
  return (
    <Box flexDirection="column">
      {groups.length ? <GroupRows groups={groups} focus={g ? at : -1} busy={busy} /> : null}
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
      {g ? <GroupDetail group={g} dependencies={dependencies} /> : v ? <VerdictDetail v={v} /> : null}
      {error ? <UserErrorView error={error} title="Could not plan with that choice" /> : null}
      <KeyHints
        hints={[
          ['↑↓', 'move'],
          ...(groups.length ? [['Space', 'install or leave out a group'] as [string, string]] : []),
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
