import { Box, Text } from 'ink';
import type { Row } from '../../../src/report/leaderboard.js';
import { clip, mb, seconds, times } from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';
import { size } from '../../widgets/size.js';

/** Everything about the focused row, also what narrow terminals leave out of the table. */
export function RowSummary({ row, width }: { row: Row; width: number }) {
  const built = row.sizeBytes > 0;
  const facts = [
    built ? mb(row.sizeBytes) : 'size unknown (no image)',
    built ? `${mb(row.compressedBytes)} compressed` : undefined,
    row.timesSmaller ? `${times(row.timesSmaller)} smaller than full` : undefined,
    built ? `${row.layerCount} layers` : undefined,
    `${seconds(row.buildSeconds)} build`,
  ].filter(Boolean);
  const flags = [
    row.nonRoot === undefined ? 'user unknown' : row.nonRoot ? 'non-root ✓' : 'runs as root',
    row.hasShell === undefined ? 'shell unknown' : row.hasShell ? 'shell ✓' : 'no shell',
    row.passed ? 'smoke ✓' : row.smoked ? 'smoke ✗' : 'smoke not run',
  ];
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text wrap="truncate-end">
        <Text bold>{row.id}</Text> {facts.join(' · ')}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {flags.join(' · ')}
      </Text>
      {row.largestLayers.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two layers can have the same instruction
        <Text key={i} wrap="truncate-end" dimColor>
          {size(l.sizeBytes).padStart(8)} {clip(l.createdBy || '(base image)', width - 10)}
        </Text>
      ))}
      {row.reason ? <Text color={COLOR.error}>✗ {row.reason}</Text> : null}
    </Box>
  );
}
