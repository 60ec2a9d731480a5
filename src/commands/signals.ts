import { EXIT } from '../exit-codes.js';

/**
 * First SIGINT/SIGTERM: ask the run to stop and clean up. Second: exit now (the user insists;
 * `slim-py clean` removes what is left). Returns a function that removes the handlers.
 */
export function onInterrupt(stop: () => void): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count++;
    if (count === 1) stop();
    else process.exit(signal === 'SIGINT' ? EXIT.cancelled : EXIT.terminated);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
