import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { Leaderboard } from '../../../src/report/leaderboard.js';
import { mb, PREFERS, type Prefer, STARTUP_RULE } from '../../../src/session/index.js';
import type { Candidate, StrategyId } from '../../../src/strategies/types.js';
import { COLOR } from '../../theme.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { useKeys } from '../../widgets/use-keys.js';
import { useRows, useWidth } from '../../widgets/use-width.js';
import { BoardTable } from './board-table.js';
import { CandidateDetail } from './candidate-detail.js';
import { RowSummary } from './row-summary.js';

export interface LeaderboardStepProps {
  board: Leaderboard;
  candidates: Candidate[];
  /** Esc closes the detail view instead of going back a step while it is open. */
  onDetail: (open: boolean) => void;
  onPick: (id: StrategyId) => void;
  /** `p`: rank again under the next winner rule. */
  onPrefer: (prefer: Prefer) => void;
}

const RULE: Record<Prefer, string> = {
  balanced: `smallest ${STARTUP_RULE} cold start`,
  size: 'smallest',
  startup: 'fastest cold start',
};

/**
 * Step 7: the ranking. Enter goes on, as on every step: the focused row (the winner under the rule
 * by default) to the Write step; → or `d` opens its layers and Dockerfile; `p` switches the rule
 * (balanced, size, startup), and the board says why the winner won.
 */
export function LeaderboardStep({ board, candidates, onDetail, onPick, onPrefer }: LeaderboardStepProps) {
  const width = useWidth();
  const height = useRows();
  const first = Math.max(
    0,
    board.rows.findIndex((r) => r.id === board.winner),
  );
  const [focus, setFocus] = useState(first);
  // Another rule, another winner: the focus follows it.
  useEffect(() => setFocus(first), [first]);
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState<string>();
  const show = (on: boolean) => {
    // Tell the App at once (not in an effect): the very next Esc must close this view, not leave the step.
    onDetail(on);
    setOpen(on);
  };
  const row = board.rows[focus];
  const pick = () => {
    if (!row) return;
    if (row.passed) onPick(row.id);
    else setRefused(`${row.id} did not pass: it cannot be written as the winner.`);
  };
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') setFocus((f) => Math.min(board.rows.length - 1, f + 1));
    else if (key.upArrow || input === 'k') setFocus((f) => Math.max(0, f - 1));
    else if (key.rightArrow || input === 'd') show(true);
    else if (key.return || input === 'w') pick();
    else if (input === 'p') {
      const next = PREFERS[(PREFERS.indexOf(board.prefer) + 1) % PREFERS.length] ?? 'balanced';
      onPrefer(next);
    }
    if (key.downArrow || key.upArrow) setRefused(undefined);
  }, !open);
  useKeys((input, key) => (key.return || input === 'w') && pick(), open);
  if (open && row) {
    return (
      <CandidateDetail
        row={row}
        candidate={candidates.find((c) => c.id === row.id)}
        width={width}
        height={height}
        onClose={() => show(false)}
      />
    );
  }
  const base = board.rows.find((r) => r.id === board.baseline);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Leaderboard{' '}
        <Text dimColor>
          smallest passing first
          {base ? ` · baseline full ${mb(base.sizeBytes)}` : ' · no passing full baseline'}
        </Text>
      </Text>
      <Text wrap="truncate-end" dimColor>
        winner rule: {board.prefer} ({RULE[board.prefer]}) · p changes it
      </Text>
      <BoardTable board={board} focus={focus} width={width} winner={board.winner} />
      {board.why ? <Text wrap="wrap">Winner: {board.why}</Text> : null}
      {board.winner ? null : (
        <Text color={COLOR.error}>
          No candidate passed its smoke test: nothing to write. Esc to change the answers.
        </Text>
      )}
      {row ? <RowSummary row={row} width={width} /> : null}
      {refused ? <Text color={COLOR.warn}>{refused}</Text> : null}
      <KeyHints
        hints={[
          ['↑↓', 'move'],
          ['Enter', 'write it'],
          ['→/d', 'layers + Dockerfile'],
          ['p', 'winner rule'],
          ['Esc', 'back'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}
