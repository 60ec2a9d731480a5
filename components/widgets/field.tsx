import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** "label   value" with the label in a fixed dim column; the value is cut at the edge. */
export function Field({
  label,
  children,
  width = 9,
}: {
  label: string;
  children: ReactNode;
  width?: number;
}) {
  return (
    <Box>
      <Box width={width + 1} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}
