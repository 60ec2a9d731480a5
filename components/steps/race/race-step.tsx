import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { engineLine } from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { useKeys } from '../../widgets/use-keys.js';
import { useWidth } from '../../widgets/use-width.js';
import { UserErrorView } from '../../widgets/user-error.js';
import { LiveRow, LogTail } from './race-rows.js';
import { liveIds, type RaceView } from './race-state.js';

export interface RaceStepProps {
  view: RaceView;
  now: () => number;
  settings: { concurrency: number; keep: boolean; network?: string };
  confirmQuit: boolean;
  error?: unknown;
}

/** Step 6: the running candidates, live (finished ones are printed above by PrintedLines). */
export function RaceStep({ view, now, settings, confirmQuit, error }: RaceStepProps) {
  const width = useWidth();
  const [focus, setFocus] = useState(0);
  const [showLog, setShowLog] = useState(false);
  const [, tick] = useState(0);
  const running = !view.end && !error;
  // Elapsed times move even when no event arrives (a long pip install).
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [running]);
  const live = liveIds(view);
  const focusedId = live[Math.min(focus, live.length - 1)];
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') setFocus((f) => Math.min(live.length - 1, f + 1));
    else if (key.upArrow || input === 'k') setFocus((f) => Math.max(0, f - 1));
    else if (input === 'l') setShowLog((s) => !s);
  }, !confirmQuit);
  const focused = focusedId ? view.rows[focusedId] : undefined;
  const e = view.engine;
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {e
          ? `Racing ${view.order.length} on ${e.host} (${engineLine(e)}${e.network ? `, network ${e.network}` : ''}), ${settings.concurrency} at a time`
          : 'Starting the race…'}
      </Text>
      {live.map((id) => {
        const c = view.rows[id];
        return c ? <LiveRow key={id} c={c} focused={id === focusedId} now={now()} width={width} /> : null;
      })}
      {showLog && focused ? <LogTail c={focused} width={width} /> : null}
      {view.rechecking && !view.stopping ? <Spinner label={view.rechecking} /> : null}
      {error ? <UserErrorView error={error} title="The race could not run" /> : null}
      <RaceFooter view={view} confirmQuit={confirmQuit} keep={settings.keep} />
      {running && !view.stopping && !confirmQuit ? (
        <KeyHints
          hints={[
            ['↑↓', 'focus'],
            ['l', showLog ? 'hide log' : 'log'],
            ['q', 'stop'],
          ]}
        />
      ) : null}
      {error ? (
        <KeyHints
          hints={[
            ['Esc', 'back'],
            ['q', 'quit'],
          ]}
        />
      ) : null}
    </Box>
  );
}

function RaceFooter({ view, confirmQuit, keep }: { view: RaceView; confirmQuit: boolean; keep: boolean }) {
  const end = view.end;
  if (end?.cancelled) {
    const r = end.removed;
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text color={COLOR.warn}>Stopped. The race was cancelled.</Text>
        <Text>
          {r
            ? `Removed ${r.images} image${r.images === 1 ? '' : 's'} and ${r.containers} container${r.containers === 1 ? '' : 's'} this run made.`
            : keep
              ? 'Images kept (--keep); `slim-py clean` removes them.'
              : ''}
        </Text>
      </Box>
    );
  }
  if (view.stopping) {
    return (
      <Box marginTop={1}>
        <Spinner label="Stopping: cancelling builds and removing the images and containers this run made…" />
      </Box>
    );
  }
  if (confirmQuit) {
    return (
      <Box marginTop={1}>
        <Text color={COLOR.warn}>Stop the race and remove what it built? (y/n)</Text>
      </Box>
    );
  }
  return null;
}
