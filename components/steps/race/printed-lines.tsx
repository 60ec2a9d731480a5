import { Static, Text } from 'ink';
import { COLOR } from '../../theme.js';
import { FinishedRow, RepairRow } from './race-rows.js';
import type { Printed } from './race-state.js';

/**
 * Finished candidates and repairs, printed once above everything (Ink's <Static>). The App keeps
 * it mounted past the race, so a candidate that finishes in the same moment as the race itself
 * is still printed; a new race remounts it (key) so its lines start over.
 */
export function PrintedLines({ printed, width }: { printed: Printed[]; width: number }) {
  return (
    <Static items={printed}>
      {(p) =>
        p.kind === 'finished' ? (
          <FinishedRow key={p.key} c={p.view} width={width} />
        ) : p.kind === 'repair' ? (
          <RepairRow key={p.key} id={p.id} stage={p.stage} missing={p.missing} apt={p.apt} />
        ) : p.kind === 'info' ? (
          <Text key={p.key} dimColor>
            {p.text}
          </Text>
        ) : (
          <Text key={p.key} color={COLOR.warn}>
            {p.text}
          </Text>
        )
      }
    </Static>
  );
}
