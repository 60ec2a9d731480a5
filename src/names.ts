/** How many names a sentence lists before it counts the rest: a screenful, not a 100,000-line file. */
export const NAMED = 20;

/** `a, b, c` — or `a, b, … and 99,980 more` past `max` names. */
export function listNames(names: readonly string[], max = NAMED): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
