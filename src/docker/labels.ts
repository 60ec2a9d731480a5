/** Every image and container slim-py makes carries these, so a crash can be cleaned up later. */
export const TOOL_LABEL = 'slim-py';
export const SESSION_LABEL = 'slim-py.session';
export const CANDIDATE_LABEL = 'slim-py.candidate';

export function sessionLabels(sessionId: string, candidateId?: string): Record<string, string> {
  const labels: Record<string, string> = { [TOOL_LABEL]: '1', [SESSION_LABEL]: sessionId };
  if (candidateId) labels[CANDIDATE_LABEL] = candidateId;
  return labels;
}

/** The label filter that selects one session's objects. */
export function sessionFilter(sessionId: string): string {
  return `${SESSION_LABEL}=${sessionId}`;
}

/** Image tag of a candidate: lower-case, valid as a reference. */
export function candidateTag(sessionId: string, candidateId: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return `slim-py/${clean(candidateId)}:${clean(sessionId)}`;
}

/** A short random session id (hex). */
export function newSessionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
