import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import type { Dependency, DependencyGroup } from '../../../src/project/types.js';
import { clip, formatSource } from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';

export interface GroupRowsProps {
  groups: DependencyGroup[];
  /** The focused row's index in `groups`, or -1 when a dependency has the focus. */
  focus: number;
  /** Re-planning for a changed group: what is under way. */
  busy?: string | undefined;
}

/** The project's groups and extras, one line each: installed or left out, and the plan's reason. */
export function GroupRows({ groups, focus, busy }: GroupRowsProps) {
  const nameWidth = Math.min(20, Math.max(...groups.map((g) => g.name.length)));
  return (
    <Box flexDirection="column" marginBottom={1}>
      {busy ? (
        <Spinner label={busy} />
      ) : (
        <Text dimColor wrap="truncate-end">
          {'  '}groups and extras: what the image installs (Space changes it)
        </Text>
      )}
      {groups.map((g, i) => {
        const on = i === focus;
        return (
          <Text key={g.name} wrap="truncate-end" dimColor={Boolean(busy)}>
            <Text color={COLOR.focus}>{on ? '› ' : '  '}</Text>
            <Text color={g.included ? COLOR.ok : undefined}>{g.included ? '[x]' : '[ ]'}</Text>{' '}
            <Text bold={on}>{clip(g.name, nameWidth).padEnd(nameWidth)}</Text> {g.kind.padEnd(5)}{' '}
            <Text dimColor>{g.reason}</Text>
          </Text>
        );
      })}
    </Box>
  );
}

/** The focused group: in or out and why, where it is declared, what it installs. */
export function GroupDetail({ group, dependencies }: { group: DependencyGroup; dependencies: Dependency[] }) {
  const members = dependencies.filter((d) => d.group === group.name).map((d) => d.name);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold wrap="truncate-end">
        {group.name}{' '}
        <Text dimColor>
          ({group.kind}, {formatSource(group.source)})
        </Text>
      </Text>
      <Text>
        {group.included ? 'installed' : 'left out'} — {group.reason}
      </Text>
      <Text dimColor wrap="truncate-end">
        {group.included ? 'installs' : 'would install'}: {members.join(', ') || '(nothing)'}
      </Text>
    </Box>
  );
}
