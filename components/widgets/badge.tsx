import { Text } from 'ink';
import type { Availability } from '../../src/analysis/types.js';
import { COLOR } from '../theme.js';

const LOOK: Record<Availability, { label: string; color: string }> = {
  pure: { label: 'pure', color: COLOR.ok },
  wheel: { label: 'wheel', color: COLOR.focus },
  compile: { label: 'compiles', color: COLOR.warn },
  none: { label: 'cannot', color: COLOR.error },
  unknown: { label: 'unknown', color: COLOR.unknown },
};

export const BADGE_WIDTH = 8;

/** What installing a dependency means on one libc; the word carries it without colour. */
export function Badge({ value }: { value: Availability }) {
  const { label, color } = LOOK[value];
  return <Text color={color}>{label.padEnd(BADGE_WIDTH)}</Text>;
}
