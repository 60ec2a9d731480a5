import { ProgressBar } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { clip, mb } from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';
import { activity, elapsed, fraction } from './activity.js';
import type { CandidateView } from './race-state.js';

export const ID_WIDTH = 17;

/** A finished candidate, printed once into <Static>: ✓ size, or ✗ and why. */
export function FinishedRow({ c, width }: { c: CandidateView; width: number }) {
  const r = c.result;
  const ok = c.phase === 'done';
  const time = r && r.buildSeconds > 0 ? ` ${r.buildSeconds.toFixed(1)} s build` : '';
  const what = ok
    ? `${mb(r?.sizeBytes ?? 0)}  (${mb(r?.compressedBytes ?? 0)} compressed)${time}`
    : [activity(c), r?.error].filter((x, i, all) => x && all.indexOf(x) === i).join(': ');
  return (
    <Text wrap="truncate-end">
      <Text color={ok ? COLOR.ok : COLOR.error}>{ok ? '✓ ' : '✗ '}</Text>
      <Text bold>{c.id.padEnd(ID_WIDTH)}</Text> {clip(what, Math.max(10, width - ID_WIDTH - 3))}
    </Text>
  );
}

/** The engine named what was missing (headers at build, libraries at run time): the candidate races again with those packages. */
export function RepairRow(p: { id: string; stage: 'build' | 'runtime'; missing: string[]; apt: string[] }) {
  return (
    <Text wrap="truncate-end">
      <Text color={COLOR.warn}>↻ </Text>
      <Text bold>{p.id.padEnd(ID_WIDTH)}</Text> {p.missing.join(', ')} missing at{' '}
      {p.stage === 'build' ? 'build' : 'run'} time: racing again with {p.apt.join(' ')}
    </Text>
  );
}

/** A running or queued candidate: focus marker, id, bar, elapsed time, what it is doing. */
export function LiveRow({
  c,
  focused,
  now,
  width,
}: {
  c: CandidateView;
  focused: boolean;
  now: number;
  width: number;
}) {
  const bar = width >= 90 ? 20 : width >= 70 ? 12 : 8;
  const rest = Math.max(8, width - 2 - ID_WIDTH - 1 - bar - 1 - 6 - 1);
  return (
    <Box>
      <Text>
        <Text color={COLOR.focus}>{focused ? '› ' : '  '}</Text>
        <Text bold={focused} dimColor={c.phase === 'queued'}>
          {c.id.padEnd(ID_WIDTH)}
        </Text>{' '}
      </Text>
      {/* @inkjs/ui's bar fills the box it is in: a fixed width keeps the columns aligned. */}
      <Box width={bar} flexShrink={0}>
        <ProgressBar value={fraction(c) * 100} />
      </Box>
      <Text wrap="truncate-end">
        {' '}
        <Text dimColor>{elapsed(c, now).padStart(6)}</Text> {clip(activity(c), rest)}
      </Text>
    </Box>
  );
}

/** The last build log lines of the focused candidate (`l`). */
export function LogTail({ c, width }: { c: CandidateView; width: number }) {
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="single" borderDimColor paddingX={1}>
      <Text dimColor>log of {c.id}</Text>
      {c.log.length === 0 ? <Text dimColor>(no output yet)</Text> : null}
      {c.log.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: log lines repeat; their place is their identity
        <Text key={i} wrap="truncate-end">
          {clip(line, width - 4)}
        </Text>
      ))}
    </Box>
  );
}
