import { Box, Text } from 'ink';
import type { Leaderboard } from '../../../src/report/leaderboard.js';
import { clip } from '../../../src/session/index.js';
import type { StrategyId } from '../../../src/strategies/types.js';
import { COLOR } from '../../theme.js';
import { SizeBar } from '../../widgets/size-bar.js';
import { ID, layoutColumns, pad } from './columns.js';

export interface BoardTableProps {
  board: Leaderboard;
  focus: number;
  width: number;
  winner?: StrategyId;
}

/** One row per candidate, bars scaled to the largest; a failed row says why on the line below. */
export function BoardTable({ board, focus, width, winner }: BoardTableProps) {
  const { columns, bar } = layoutColumns(width);
  const max = Math.max(...board.rows.map((r) => r.sizeBytes), 1);
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {'  '}
        {'candidate'.padEnd(ID)} {' '.repeat(bar)} {columns.map((c) => pad(c.title, c.width)).join(' ')}
      </Text>
      {board.rows.map((r, i) => (
        <Box key={r.id} flexDirection="column">
          <Text wrap="truncate-end">
            <Text color={COLOR.focus}>{i === focus ? '› ' : '  '}</Text>
            <Text bold={i === focus} color={r.passed ? undefined : COLOR.error}>
              {(r.id === winner ? `${clip(r.id, ID - 2)} ★` : r.id).padEnd(ID)}
            </Text>{' '}
            <SizeBar value={r.sizeBytes} max={max} width={bar} failed={!r.passed} />{' '}
            {columns.map((c) => (
              <Text key={c.key} color={c.key === 'smoke' ? (r.passed ? COLOR.ok : COLOR.error) : undefined}>
                {pad(c.cell(r), c.width)}{' '}
              </Text>
            ))}
          </Text>
          {r.reason ? (
            <Text color={COLOR.error} dimColor wrap="truncate-end">
              {'    ✗ '}
              {clip(r.reason, Math.max(10, width - 6))}
            </Text>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}
