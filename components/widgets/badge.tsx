import { Text } from 'ink';
import type { Availability } from '../../src/analysis/types.js';

const LOOK: Record<Availability, { label: string; color: string }> = {
  pure: { label: 'pure', color: 'green' },
  wheel: { label: 'wheel', color: 'cyan' },
  compile: { label: 'compiles', color: 'yellow' },
  none: { label: 'cannot', color: 'red' },
  unknown: { label: 'unknown', color: 'gray' },
};

export const BADGE_WIDTH = 8;

/** What installing a dependency means on one libc; the word carries it without colour. */
export function Badge({ value }: { value: Availability }) {
  const { label, color } = LOOK[value];
  return <Text color={color}>{label.padEnd(BADGE_WIDTH)}</Text>;
}
