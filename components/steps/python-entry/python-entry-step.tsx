import { Spinner, TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Project } from '../../../src/project/types.js';
import { formatSource } from '../../../src/session/index.js';
import { entryProblem, validPython } from '../../answers.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { UserErrorView } from '../../widgets/user-error.js';

export interface PythonEntryStepProps {
  project: Project;
  python: string;
  entry: string;
  /** Re-planning for a new Python version. */
  busy?: string;
  error?: unknown;
  onSubmit: (answer: { python: string; entry: string }) => void;
}

/** Step 4: Python version and entry command, prefilled from the project, editable. */
export function PythonEntryStep(p: PythonEntryStepProps) {
  const [part, setPart] = useState<'python' | 'entry'>('python');
  const [python, setPython] = useState(p.python);
  const [invalid, setInvalid] = useState<string>();
  const { entry } = p.project;
  return (
    <Box flexDirection="column">
      <Text bold>Python version</Text>
      <Text dimColor wrap="truncate-end">
        found {p.project.python.version}: {formatSource(p.project.python.source)}, {p.project.python.reason}
      </Text>
      {part === 'python' ? (
        <TextInput
          defaultValue={python}
          placeholder="3.12"
          onSubmit={(v) => {
            if (!validPython(v)) {
              setInvalid(`${JSON.stringify(v)} is not a Python version: give major.minor, e.g. 3.12`);
              return;
            }
            setInvalid(undefined);
            setPython(v.trim());
            setPart('entry');
          }}
        />
      ) : (
        <Text>
          <Text color="green">› </Text>
          {python}
        </Text>
      )}
      {invalid ? <Text color="red">{invalid}</Text> : null}
      {part === 'entry' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Entry command (what the container runs)</Text>
          <Text dimColor wrap="truncate-end">
            {entry
              ? `found ${entry.command}: ${formatSource(entry.source)}${entry.reason ? `, ${entry.reason}` : ''}`
              : 'none found: type the command that starts your app, e.g. gunicorn app:app'}
          </Text>
          {p.busy ? (
            <Spinner label={p.busy} />
          ) : (
            <TextInput
              defaultValue={p.entry}
              placeholder="python app.py"
              onSubmit={(v) => {
                const problem = entryProblem(v);
                setInvalid(problem);
                if (!problem) p.onSubmit({ python, entry: v.trim() });
              }}
            />
          )}
        </Box>
      ) : null}
      {p.error ? <UserErrorView error={p.error} /> : null}
      <KeyHints
        hints={[
          ['Enter', 'confirm'],
          ['Esc', 'back'],
          ['Ctrl-C', 'quit'],
        ]}
      />
    </Box>
  );
}
