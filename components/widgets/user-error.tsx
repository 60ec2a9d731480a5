import { Box, Text } from 'ink';
import { formatSource, isUserError } from '../../src/session/index.js';

/** A problem as the CLI prints it: file:line, the message, and what to try. Never a stack trace. */
export function UserErrorView({ error, title }: { error: unknown; title?: string }) {
  const e = isUserError(error) ? error : undefined;
  const message = e ? e.message : error instanceof Error ? `internal error: ${error.message}` : String(error);
  return (
    <Box flexDirection="column">
      {title ? <Text bold>{title}</Text> : null}
      <Text color="red">
        {e?.where ? `${formatSource(e.where)}: ` : ''}
        {message}
      </Text>
      <Text>
        <Text dimColor>what to try: </Text>
        {e ? e.hint : 'rerun with SLIM_PY_DEBUG=1 and report the output'}
      </Text>
    </Box>
  );
}
