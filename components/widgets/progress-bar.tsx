import { Text } from 'ink';

/** A fixed-width bar for 0..1; plain block characters so it reads without colour (NO_COLOR). */
export function ProgressBar({ value, width, color }: { value: number; width: number; color?: string }) {
  const w = Math.max(1, width);
  const filled = Math.round(Math.max(0, Math.min(1, value)) * w);
  return (
    <Text>
      <Text color={color ?? 'cyan'}>{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(w - filled)}</Text>
    </Text>
  );
}
