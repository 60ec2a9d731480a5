import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { formatSource, type PlanResult, redactUrl } from '../../../src/session/index.js';
import type { EngineStatus } from '../../state.js';
import { COLOR } from '../../theme.js';
import { Field } from '../../widgets/field.js';
import { KeyHints } from '../../widgets/key-hints.js';
import { useKeys } from '../../widgets/use-keys.js';
import { UserErrorView } from '../../widgets/user-error.js';

export interface ProjectStepProps {
  dir: string;
  plan?: PlanResult;
  planError?: unknown;
  engine: EngineStatus;
  planOnly: boolean;
  onNext: () => void;
  /** The user accepts to go on without Docker: plan only, the Dockerfile marked unmeasured. */
  onPlanOnly: () => void;
}

/** Step 1: what was found and where from; the Docker engine's status; the way on without it. */
export function ProjectStep(p: ProjectStepProps) {
  const ready = p.plan !== undefined && p.engine.status !== 'connecting';
  useKeys((_input, key) => {
    if (!key.return || !ready) return;
    if (p.engine.status === 'missing' && !p.planOnly) p.onPlanOnly();
    p.onNext();
  });
  if (p.planError) {
    return (
      <Box flexDirection="column">
        <UserErrorView error={p.planError} title={`Could not read the project in ${p.dir}`} />
        <KeyHints hints={[['q', 'quit']]} />
      </Box>
    );
  }
  if (!p.plan) return <Spinner label={`Reading ${p.dir} and asking the package index…`} />;
  const { project, index, notes } = p.plan;
  return (
    <Box flexDirection="column">
      <Field label="project">
        {project.name} <Text dimColor>{project.root}</Text>
      </Field>
      <Field label="manager">
        {project.manager} <Text dimColor>· {project.files.map((f) => f.path).join(', ')}</Text>
      </Field>
      <Field label="python">
        {project.python.version}{' '}
        <Text dimColor>
          {formatSource(project.python.source)}: {project.python.reason}
        </Text>
      </Field>
      <Field label="entry">
        {project.entry ? (
          <>
            {project.entry.command} <Text dimColor>{formatSource(project.entry.source)}</Text>
          </>
        ) : (
          <Text color={COLOR.warn}>none found: you can type it in step 4</Text>
        )}
      </Field>
      <Field label="index">
        {redactUrl(index.url)} <Text dimColor>({index.source})</Text>
      </Field>
      <Field label="deps">{p.plan.verdicts.length} (next step)</Field>
      {project.warnings.map((w) => (
        <Text key={`w${w.message}`} color={COLOR.warn} wrap="truncate-end">
          ! {w.source ? `${formatSource(w.source)}: ` : ''}
          {w.message}
        </Text>
      ))}
      {notes.map((n) => (
        <Text key={`n${n}`} dimColor wrap="truncate-end">
          note: {n}
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        <EngineLine engine={p.engine} planOnly={p.planOnly} />
      </Box>
      <KeyHints
        hints={[
          [
            'Enter',
            p.engine.status === 'missing' && !p.planOnly ? 'continue with the plan only' : 'continue',
          ],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

function EngineLine({ engine, planOnly }: { engine: EngineStatus; planOnly: boolean }) {
  if (engine.status === 'connecting') return <Spinner label="Connecting to the Docker engine…" />;
  if (engine.status === 'ready') {
    const i = engine.info;
    return (
      <Text wrap="truncate-end">
        <Text color={COLOR.ok}>{i.kind === 'podman' ? 'Podman' : 'Docker'}</Text> {i.host}{' '}
        <Text dimColor>
          ({i.serverVersion}, {i.builder})
        </Text>
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <UserErrorView error={engine.error} title="No Docker engine: candidates cannot be built or measured." />
      <Text>
        {planOnly
          ? 'Continuing with the plan only.'
          : 'Continue with the plan only? The recommended Dockerfile is written, marked unmeasured.'}
      </Text>
    </Box>
  );
}
