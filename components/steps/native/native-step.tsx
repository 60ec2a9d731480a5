import { TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useState } from 'react';
import type { Verdict } from '../../../src/analysis/types.js';
import { parseList } from '../../answers.js';
import { COLOR } from '../../theme.js';
import { KeyHints } from '../../widgets/key-hints.js';

export interface NativeAnswer {
  compiles: boolean;
  buildPackages: string[];
  runtimePackages: string[];
}

export interface NativeStepProps {
  /** Dependencies the analysis says compile on glibc. */
  compiling: Verdict[];
  initial: NativeAnswer;
  /** True while a text field has the keys (so `q` types a q). */
  onTyping: (typing: boolean) => void;
  onSubmit: (answer: NativeAnswer) => void;
}

type Part = 'ask' | 'build' | 'runtime';

/** Step 3: does anything compile (prefilled from the analysis), then the system packages. */
export function NativeStep({ compiling, initial, onTyping, onSubmit }: NativeStepProps) {
  const [part, setPartState] = useState<Part>('ask');
  const setPart = (next: Part) => {
    // Text fields take `q` as a letter; the App must know before the next key arrives.
    onTyping(next !== 'ask');
    setPartState(next);
  };
  const [answer, setAnswer] = useState<NativeAnswer>({
    compiles: initial.compiles,
    buildPackages: initial.buildPackages,
    runtimePackages: initial.runtimePackages,
  });
  const names = compiling.map((v) => v.name).join(', ');
  const items = [
    { key: 'yes', label: compiling.length ? `Yes: ${names}` : 'Yes', value: true },
    { key: 'no', label: 'No: wheels or pure Python only', value: false },
  ];
  return (
    <Box flexDirection="column">
      <Text bold>Do any dependencies compile native code?</Text>
      <Text dimColor wrap="truncate-end">
        {compiling.length
          ? `The analysis says ${names} ${compiling.length === 1 ? 'compiles' : 'compile'} from source on Debian.`
          : 'The analysis found wheels or pure Python for every dependency.'}
      </Text>
      {part === 'ask' ? (
        <SelectInput
          items={items}
          initialIndex={answer.compiles ? 0 : 1}
          onSelect={(item) => {
            const compiles = item.value;
            setAnswer((a) => ({ ...a, compiles }));
            setPart(compiles ? 'build' : 'runtime');
          }}
        />
      ) : (
        <Text>
          <Text color={COLOR.ok}>› </Text>
          {answer.compiles ? 'Yes' : 'No'}
        </Text>
      )}
      {part === 'build' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>System packages to build with (Debian names, comma-separated)</Text>
          <TextInput
            defaultValue={answer.buildPackages.join(', ')}
            placeholder="e.g. build-essential, libpq-dev"
            onSubmit={(text) => {
              setAnswer((a) => ({ ...a, buildPackages: parseList(text) }));
              setPart('runtime');
            }}
          />
        </Box>
      ) : null}
      {part === 'runtime' ? (
        <Box flexDirection="column" marginTop={1}>
          {answer.compiles ? (
            <Text dimColor>build: {answer.buildPackages.join(', ') || '(none)'}</Text>
          ) : null}
          <Text bold>Libraries needed at run time (Debian names, comma-separated)</Text>
          <TextInput
            defaultValue={answer.runtimePackages.join(', ')}
            placeholder="e.g. libpq5 (empty: none)"
            onSubmit={(text) => onSubmit({ ...answer, runtimePackages: parseList(text) })}
          />
        </Box>
      ) : null}
      <KeyHints
        hints={
          part === 'ask'
            ? [
                ['↑↓', 'choose'],
                ['Enter', 'confirm'],
                ['Esc', 'back'],
                ['q', 'quit'],
              ]
            : [
                ['Enter', 'confirm'],
                ['Esc', 'back'],
                ['Ctrl-C', 'quit'],
              ]
        }
      />
    </Box>
  );
}
