import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Project } from '../../../src/project/types.js';
import {
  type EntryAnswer,
  endOfLifeNote,
  entryOptions,
  formatSource,
  type PythonChoice,
} from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { useKeys } from '../../widgets/use-keys.js';
import { UserErrorView } from '../../widgets/user-error.js';
import { EntryChoice } from './entry-choice.js';

export interface PythonEntryStepProps {
  project: Project;
  python: string;
  entry: EntryAnswer;
  /** Each offered version with what it allows; undefined while the session plans them. */
  choices?: PythonChoice[];
  /** The plan's Python was picked in this step (its source reads --python: the session passes it so). */
  picked?: boolean;
  /** Re-planning for a new Python version. */
  busy?: string;
  error?: unknown;
  /** True while the entry field has the keys (so `q` types a q). */
  onTyping?: (typing: boolean) => void;
  /** True while Esc is the step's own (the entry field goes back to its list). */
  onOwnEscape?: (own: boolean) => void;
  onSubmit: (answer: { python: string; entry: EntryAnswer }) => void;
}

/** One line per version: what it allows at a glance. */
export function choiceLabel(c: PythonChoice): string {
  if (c.error) return `${c.version.padEnd(5)} cannot plan: ${c.error}`;
  const deps =
    c.compiles + c.cannotInstall === 0
      ? 'every dependency has a wheel'
      : [
          c.compiles ? `${c.compiles} compile` : '',
          c.cannotInstall ? `${c.cannotInstall} cannot install` : '',
        ]
          .filter(Boolean)
          .join(' · ');
  const strategies = `${c.applicable.length} ${c.applicable.length === 1 ? 'strategy applies' : 'strategies apply'}`;
  const eol = c.endOfLife === undefined ? '' : `${endOfLifeNote(c.endOfLife)} · `;
  return `${c.version.padEnd(5)} ${c.detected ? 'detected · ' : ''}${eol}${strategies} · ${deps}`;
}

function ChoiceDetail({ choice }: { choice: PythonChoice }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text dimColor wrap="truncate-end">
        applies: {choice.applicable.join(', ') || 'none'}
      </Text>
      {choice.problems.map((p) => (
        <Text key={p} color={p.includes('cannot install') ? COLOR.error : COLOR.warn} wrap="truncate-end">
          {p}
        </Text>
      ))}
    </Box>
  );
}

/** Where the version shown came from: the project's file, the flag, or this step. */
function foundLine(p: PythonEntryStepProps): string {
  const { version, source, reason } = p.project.python;
  if (p.picked) {
    const own = p.choices?.find((c) => c.detected)?.version;
    // 'detected', not 'the project's': with nothing declared it is the default.
    return `picked ${version} in this step${own ? `; detected: ${own}` : ''}`;
  }
  return source.file === '--python'
    ? `${version}: ${reason}`
    : `found ${version}: ${formatSource(source)}, ${reason}`;
}

/** Step 4: the Python version, chosen among 3.9–3.14 with what each allows, then the entry command. */
export function PythonEntryStep(p: PythonEntryStepProps) {
  const [part, setPart] = useState<'python' | 'entry'>('python');
  const [python, setPython] = useState(p.python);
  const [focus, setFocus] = useState(p.python);
  const entries = entryOptions(p.project);
  const [typing, setTypingState] = useState(false);
  const setTyping = (on: boolean) => {
    setTypingState(on);
    p.onTyping?.(on);
  };
  const choose = (version: string) => {
    setPython(version);
    // With nothing found the entry part is a text field at once.
    setTyping(entries.length === 0);
    setPart('entry');
  };
  const versions = (p.choices ?? []).map((c) => c.version);
  // Keys through the wizard's bus (a list subscribing on its own would miss a key typed as it appears).
  // While the versions are being planned, Enter keeps the current one.
  useKeys((_input, key) => {
    const i = versions.indexOf(focus);
    if (key.return) choose(p.choices ? focus : python);
    else if (key.downArrow && i >= 0) setFocus(versions[Math.min(versions.length - 1, i + 1)]!);
    else if (key.upArrow && i >= 0) setFocus(versions[Math.max(0, i - 1)]!);
  }, part === 'python');
  const focused = p.choices?.find((c) => c.version === focus);
  return (
    <Box flexDirection="column">
      <Text bold>Python version</Text>
      <Text dimColor wrap="truncate-end">
        {foundLine(p)}
      </Text>
      {part === 'entry' ? (
        <Text>
          <Text color={COLOR.ok}>› </Text>
          {python}
        </Text>
      ) : p.choices ? (
        <>
          {p.choices.map((c) => (
            <Text
              key={c.version}
              wrap="truncate-end"
              {...(c.version === focus ? { color: COLOR.focus } : {})}
            >
              {c.version === focus ? '❯ ' : '  '}
              {choiceLabel(c)}
            </Text>
          ))}
          {focused ? <ChoiceDetail choice={focused} /> : null}
        </>
      ) : (
        <Spinner label={`${python} · checking 3.9–3.14 against the index (Enter keeps ${python})`} />
      )}
      {part === 'entry' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Entry command (what the container runs)</Text>
          <Text dimColor wrap="truncate-end">
            {entries.length
              ? `found ${entries.length === 1 ? 'one command' : `${entries.length} commands, the likeliest first`}`
              : 'none found: type the command that starts your app, e.g. gunicorn app:app'}
          </Text>
          {p.busy ? (
            <Spinner label={p.busy} />
          ) : (
            <EntryChoice
              options={entries}
              answer={p.entry}
              onTyping={setTyping}
              {...(p.onOwnEscape ? { onOwnEscape: p.onOwnEscape } : {})}
              onSubmit={(entry) => p.onSubmit({ python, entry })}
            />
          )}
        </Box>
      ) : null}
      {p.error ? <UserErrorView error={p.error} /> : null}
      <KeyHints
        hints={[
          ...(typing ? [] : ([['↑↓', part === 'python' ? 'version' : 'command']] as [string, string][])),
          ['Enter', 'confirm'],
          ['Esc', typing && entries.length ? 'list' : 'back'],
          ['Ctrl-C', 'quit'],
        ]}
      />
    </Box>
  );
}
