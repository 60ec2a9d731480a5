import { Box, Text } from 'ink';
import { describeError } from '../../src/session/index.js';
import { COLOR } from '../theme.js';

/** Any error as the CLI tells it (describeError): file:line, the message, what to try. Never a stack trace. */
export function UserErrorView({ error, title }: { error: unknown; title?: string }) {
  const r = describeError(error, {});
  return (
    <Box flexDirection="column">
      {title ? <Text bold>{title}</Text> : null}
      <Text color={r.kind === 'cancelled' ? COLOR.warn : COLOR.error}>
        {r.where}
        {r.message}
      </Text>
      {(r.details ?? []).map((d) => (
        <Text key={d} color={COLOR.error}>
          {'  '}
          {d}
        </Text>
      ))}
      {r.hint ? (
        <Text>
          <Text dimColor>what to try: </Text>
          {r.hint}
        </Text>
      ) : null}
    </Box>
  );
}
