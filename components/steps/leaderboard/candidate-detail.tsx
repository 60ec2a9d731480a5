import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Row } from '../../../src/report/leaderboard.js';
import { clip } from '../../../src/session/index.js';
import type { Candidate } from '../../../src/strategies/types.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { size } from '../../widgets/size.js';
import { SizeBar } from '../../widgets/size-bar.js';
import { useKeys } from '../../widgets/use-keys.js';

export interface CandidateDetailProps {
  row: Row;
  candidate?: Candidate;
  width: number;
  height: number;
  onClose: () => void;
}

/** Lines of the detail view: every layer with the instruction that made it, the log of a failure, the Dockerfile. */
function detailLines(
  row: Row,
  candidate: Candidate | undefined,
): { text: string; size?: number; dim?: boolean }[] {
  const out: { text: string; size?: number; dim?: boolean }[] = [];
  out.push({ text: `Layers of ${row.id}, oldest first (${row.layerCount} in the image)`, dim: true });
  for (const l of row.result.layers) out.push({ text: l.createdBy || '(base image)', size: l.sizeBytes });
  if (!row.passed && row.result.logTail.length) {
    out.push({ text: '' }, { text: 'Last build output', dim: true });
    for (const line of row.result.logTail.slice(-12)) out.push({ text: line });
  }
  out.push({ text: '' }, { text: 'Dockerfile', dim: true });
  for (const line of (candidate?.dockerfile ?? '').trimEnd().split('\n')) out.push({ text: line });
  return out;
}

/** → or `d` on a leaderboard row: layer breakdown and Dockerfile, scrolled with ↑↓ / PgUp PgDn; Enter writes it. */
export function CandidateDetail({ row, candidate, width, height, onClose }: CandidateDetailProps) {
  const lines = detailLines(row, candidate);
  const page = Math.max(5, height - 4);
  const [top, setTop] = useState(0);
  const maxTop = Math.max(0, lines.length - page);
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') setTop((t) => Math.min(maxTop, t + 1));
    else if (key.upArrow || input === 'k') setTop((t) => Math.max(0, t - 1));
    else if (key.pageDown || input === ' ') setTop((t) => Math.min(maxTop, t + page));
    else if (key.pageUp) setTop((t) => Math.max(0, t - page));
    else if (key.escape || key.leftArrow) onClose();
  });
  const maxLayer = Math.max(...row.result.layers.map((l) => l.sizeBytes), 1);
  const bar = width >= 80 ? 16 : 8;
  return (
    <Box flexDirection="column">
      {lines.slice(top, top + page).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Text key={top + i} wrap="truncate-end" dimColor={l.dim}>
          {l.size !== undefined ? (
            <>
              <SizeBar value={l.size} max={maxLayer} width={bar} /> {size(l.size).padStart(8)}{' '}
              {clip(l.text, width - bar - 11)}
            </>
          ) : (
            l.text || ' '
          )}
        </Text>
      ))}
      <KeyHints
        hints={[
          ['↑↓', `scroll ${top + 1}-${Math.min(lines.length, top + page)}/${lines.length}`],
          ['Enter', 'write this one'],
          ['Esc/←', 'table'],
        ]}
      />
    </Box>
  );
}
