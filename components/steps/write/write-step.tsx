import path from 'node:path';
import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { WriteOutcome } from '../../../src/output/safe-write.js';
import type { Session, WriteChoice, WritePreview } from '../../../src/session/index.js';
import { COLOR } from '../../theme.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { useKeys } from '../../widgets/use-keys.js';
import { useRows } from '../../widgets/use-width.js';
import { UserErrorView } from '../../widgets/user-error.js';
import { type DiffLine, hunks, lineDiff } from './line-diff.js';
import { nextCommands } from './next-commands.js';

export interface WriteStepProps {
  session: Session;
  choice: WriteChoice;
  /** Image name for the next commands. */
  name: string;
  onWritten: () => void;
  onDone: () => void;
}

/** Step 8: what will be written (a diff against an existing Dockerfile, the backup name), then the next commands. */
export function WriteStep({ session, choice, name, onWritten, onDone }: WriteStepProps) {
  const [preview, setPreview] = useState<WritePreview>();
  const [written, setWritten] = useState<WriteOutcome[]>();
  const [writing, setWriting] = useState(false);
  const [error, setError] = useState<unknown>();
  const rows = useRows();
  useEffect(() => {
    session.preview(choice).then(setPreview, setError);
  }, [session, choice]);
  useKeys((_input, key) => {
    if (!key.return) return;
    if (written || error) onDone();
    else if (preview && !writing) {
      setWriting(true);
      session.write(choice).then(
        (w) => {
          setWritten(w);
          onWritten();
        },
        (e) => setError(e),
      );
    }
  });
  if (error) {
    return (
      <Box flexDirection="column">
        <UserErrorView error={error} title="Could not write" />
        <KeyHints
          hints={[
            ['Enter', 'exit'],
            ['Esc', 'back'],
          ]}
        />
      </Box>
    );
  }
  if (!preview) return <Spinner label="Preparing the Dockerfile…" />;
  const rel = (p: string) => path.relative(choice.plan.project.root, p) || p;
  const unmeasured = !choice.race;
  if (written) {
    const commands = nextCommands({
      root: choice.plan.project.root,
      dockerfile: preview.path,
      name,
      options: choice.plan.options,
      ...(preview.candidate.needsBuildKit ? { needsBuildKit: true } : {}),
      ...(preview.candidate.needsSsh ? { needsSsh: true } : {}),
      ...(session.request.race.network ? { network: session.request.race.network } : {}),
      cwd: process.cwd(),
    });
    return <Written outcomes={written} rel={rel} commands={commands} />;
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Write {preview.candidate.id}
        {unmeasured ? <Text color={COLOR.warn}> (recommended, UNMEASURED: no engine was used)</Text> : null}
      </Text>
      <Text wrap="truncate-end">
        {'  '}
        {rel(preview.path)}{' '}
        <Text dimColor>
          {preview.existing === undefined
            ? 'new'
            : preview.backup
              ? `replaces the existing one; it is kept as ${rel(preview.backup)}`
              : 'unchanged'}
        </Text>
      </Text>
      {preview.dockerignore ? (
        <Text wrap="truncate-end">
          {'  '}
          {rel(preview.dockerignore)} <Text dimColor>missing: written with default rules</Text>
        </Text>
      ) : null}
      {preview.reports.map((r) => (
        <Text key={r} wrap="truncate-end">
          {'  '}
          {rel(r)} <Text dimColor>report</Text>
        </Text>
      ))}
      <Preview preview={preview} lines={Math.max(6, rows - 14)} />
      {writing ? <Spinner label="Writing…" /> : null}
      <KeyHints
        hints={[
          ['Enter', 'write'],
          ['Esc', 'back'],
          ['q', 'quit without writing'],
        ]}
      />
    </Box>
  );
}

function DiffText({ line }: { line: DiffLine | null }) {
  if (line === null) return <Text dimColor>{'  ⋯'}</Text>;
  const color = line.op === '+' ? COLOR.ok : line.op === '-' ? COLOR.error : undefined;
  return (
    <Text color={color} dimColor={line.op === ' '} wrap="truncate-end">
      {line.op} {line.text || ' '}
    </Text>
  );
}

function Preview({ preview, lines }: { preview: WritePreview; lines: number }) {
  if (preview.existing !== undefined && preview.backup) {
    const shown = hunks(lineDiff(preview.existing, preview.content));
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text dimColor>Changes to the existing Dockerfile:</Text>
        {shown.slice(0, lines).map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional
          <DiffText key={i} line={d} />
        ))}
        {shown.length > lines ? <Text dimColor>… {shown.length - lines} more lines</Text> : null}
      </Box>
    );
  }
  const body = preview.content.trimEnd().split('\n');
  return (
    <Box flexDirection="column" marginTop={1}>
      {body.slice(0, lines).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional
        <Text key={i} dimColor={l.startsWith('#')} wrap="truncate-end">
          {l || ' '}
        </Text>
      ))}
      {body.length > lines ? <Text dimColor>… {body.length - lines} more lines</Text> : null}
    </Box>
  );
}

function Written({
  outcomes,
  rel,
  commands,
}: {
  outcomes: WriteOutcome[];
  rel: (s: string) => string;
  commands: string[];
}) {
  return (
    <Box flexDirection="column">
      {outcomes.map((o) => (
        <Text key={o.path} wrap="truncate-end">
          <Text color={COLOR.ok}>✓ </Text>
          {o.status} {rel(o.path)}
          {o.backup ? <Text dimColor> (previous kept as {rel(o.backup)})</Text> : null}
        </Text>
      ))}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Next:</Text>
        {commands.map((c) => (
          // Commands wrap rather than cut: they are meant to be copied whole.
          <Text key={c}> {c}</Text>
        ))}
      </Box>
      <KeyHints hints={[['Enter', 'exit']]} />
    </Box>
  );
}
