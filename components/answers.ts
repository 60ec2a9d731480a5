import { splitCommand } from '../src/session/index.js';

/** "a, b c,,d" → ['a', 'b', 'c', 'd']: commas or spaces, as people type lists. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))].sort();
}

/** Why a typed entry command cannot be used, or undefined when it can. */
export function entryProblem(text: string): string | undefined {
  try {
    splitCommand(text);
    return undefined;
  } catch (e) {
    return `${e instanceof Error ? e.message : String(e)}: the command is split as a shell would split it`;
  }
}
