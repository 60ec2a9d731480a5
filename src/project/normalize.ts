/** Names that PEP 503 normalisation leaves as they are. */
const NORMAL_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizeName(name: string): string {
  // Most names arrive normalised already (parsed ones are normalised once, then looked up again).
  return NORMAL_RE.test(name) ? name : name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A valid distribution name per PEP 508 (before normalisation). */
export const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

export function isValidName(name: string): boolean {
  return NAME_RE.test(name);
}
