import { TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { EntryCommand } from '../../../src/project/types.js';
import { type EntryAnswer, entryText, formatSource } from '../../../src/session/index.js';
import { entryProblem } from '../../answers.js';
import { COLOR } from '../../theme.js';
import { useKeys } from '../../widgets/use-keys.js';

export interface EntryChoiceProps {
  /** What the scan offers, best first (empty: nothing found). */
  options: EntryCommand[];
  answer: EntryAnswer;
  /** True while the text field has the keys (so `q` types a q). */
  onTyping?: (typing: boolean) => void;
  /** True while Esc is this part's (back from the field to the list), not the wizard's. */
  onOwnEscape?: (own: boolean) => void;
  onSubmit: (answer: EntryAnswer) => void;
}

/** The list's last row: the text field instead of a found command. */
export const TYPE_ANOTHER = 'type another command';

/** What comes with the focused command (port, folder, where it was found), then why it was offered. */
export function entryDetail(e: EntryCommand): string[] {
  const facts = `${entryFacts(e)} · from ${formatSource(e.source)}`;
  return [facts, ...(e.reason ? [`${e.guessed ? 'guessed: ' : ''}${e.reason}`] : [])];
}

/** Its port and folder: what a typed command takes over from the likeliest one (see applyAnswers). */
function entryFacts(e: EntryCommand): string {
  return [
    e.port !== undefined ? `listens on $PORT (${e.port})` : 'has no port',
    e.cwd && e.cwd !== '.' ? `runs in ${e.cwd}/` : 'runs at the root',
  ].join(' · ');
}

/**
 * The entry command: the found commands as a list (the best first, guesses marked), then a row
 * to type another; with nothing found, the text field alone.
 */
export function EntryChoice({ options, answer, onTyping, onOwnEscape, onSubmit }: EntryChoiceProps) {
  const text = entryText(answer);
  const start = options.findIndex((e) => e.command === text);
  const [focus, setFocus] = useState(start >= 0 ? start : options.length);
  const [typing, setTypingState] = useState(options.length === 0);
  const [invalid, setInvalid] = useState<string>();
  const setTyping = (on: boolean) => {
    // The App must know before the next key arrives: in the field `q` is a letter.
    onTyping?.(on);
    onOwnEscape?.(on && options.length > 0);
    setTypingState(on);
  };
  // In the field, Esc is back to the list (with one to go back to).
  useKeys((_input, key) => {
    if (key.escape && options.length > 0) setTyping(false);
  }, typing);
  useKeys((_input, key) => {
    if (key.downArrow) setFocus(Math.min(options.length, focus + 1));
    else if (key.upArrow) setFocus(Math.max(0, focus - 1));
    else if (key.return) {
      const picked = options[focus];
      if (picked) onSubmit({ picked });
      else setTyping(true);
    }
  }, !typing);
  const focused = options[focus];
  return (
    <Box flexDirection="column">
      {typing ? null : (
        <>
          {[...options.map((e) => e.command), TYPE_ANOTHER].map((label, i) => (
            <Text key={label} wrap="truncate-end" {...(i === focus ? { color: COLOR.focus } : {})}>
              {i === focus ? '❯ ' : '  '}
              {label}
              {options[i]?.guessed ? <Text dimColor> (guessed)</Text> : null}
            </Text>
          ))}
          {(focused ? entryDetail(focused) : ['your own command, split as a shell would split it']).map(
            (l) => (
              <Text key={l} dimColor wrap="truncate-end">
                {l}
              </Text>
            ),
          )}
        </>
      )}
      {typing ? (
        <>
          {options[0] ? (
            <Text dimColor wrap="truncate-end">
              like {options[0].command}, it {entryFacts(options[0])}
            </Text>
          ) : null}
          <TextInput
            defaultValue={text}
            placeholder="python app.py"
            onSubmit={(v) => {
              const problem = entryProblem(v);
              setInvalid(problem);
              if (!problem) onSubmit({ typed: v.trim() });
            }}
          />
        </>
      ) : null}
      {invalid ? <Text color={COLOR.error}>{invalid}</Text> : null}
    </Box>
  );
}
