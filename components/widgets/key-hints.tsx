import { Box, Text } from 'ink';

/** The keys that work on this screen, one dim line (cut, never wrapped, on narrow terminals). */
export function KeyHints({ hints }: { hints: [key: string, action: string][] }) {
  return (
    <Box marginTop={1}>
      <Text dimColor wrap="truncate-end">
        {hints.map(([k, a]) => `${k} ${a}`).join(' · ')}
      </Text>
    </Box>
  );
}
