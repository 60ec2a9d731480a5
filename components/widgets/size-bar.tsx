import { Text } from 'ink';
import { COLOR } from '../theme.js';

/** A horizontal bar scaled to the largest value of the table; failed rows are drawn dim. */
export function SizeBar({
  value,
  max,
  width,
  failed,
}: {
  value: number;
  max: number;
  width: number;
  failed?: boolean;
}) {
  const w = Math.max(1, width);
  const n = max > 0 && value > 0 ? Math.max(1, Math.round((value / max) * w)) : 0;
  return (
    <Text>
      <Text color={failed ? COLOR.error : COLOR.ok} dimColor={failed}>
        {(failed ? '▒' : '█').repeat(n)}
      </Text>
      {' '.repeat(w - n)}
    </Text>
  );
}
