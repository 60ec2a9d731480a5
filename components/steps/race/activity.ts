import { mb } from '../../../src/session/index.js';
import type { CandidateView } from './race-state.js';

const PIP: Record<string, string> = {
  collecting: 'pip collecting',
  downloading: 'pip downloading',
  'building-wheel': 'pip building wheel',
  installing: 'pip installing',
};

/** What a candidate is doing, in words: "pulling REF 45% of 41 MB", "step 4/9 RUN pip install …". */
export function activity(c: CandidateView): string {
  switch (c.phase) {
    case 'queued':
      return 'queued';
    case 'inspecting':
      return 'measuring size, layers';
    case 'audit':
      return 'auditing shared libs';
    case 'smoke':
      return 'smoke test';
    case 'done':
      return 'passed';
    case 'failed': {
      const at = c.result?.failedAt;
      return at === 'cancelled'
        ? 'cancelled'
        : at === 'timeout'
          ? 'timed out'
          : `failed${at ? ` at ${at}` : ''}`;
    }
    default:
      break;
  }
  if (c.pull && c.pull.total > 0) {
    const pct = Math.min(100, Math.round((100 * c.pull.current) / c.pull.total));
    return `pulling ${c.pull.ref ?? 'base image'} ${pct}% of ${mb(c.pull.total)}`;
  }
  if (c.step) {
    const at = `step ${c.step.n}/${c.step.of}`;
    if (c.pip) return `${at} ${PIP[c.pip.phase] ?? c.pip.phase} ${c.pip.detail}`.trimEnd();
    return `${at} ${c.step.instruction.replace(/\s+/g, ' ')}`;
  }
  return 'starting build';
}

/**
 * How far along a candidate is, 0..1: the build takes most of the bar (by Dockerfile step),
 * then measuring, the library audit and the smoke test take the rest.
 */
export function fraction(c: CandidateView): number {
  switch (c.phase) {
    case 'queued':
      return 0;
    case 'inspecting':
      return 0.8;
    case 'audit':
      return 0.87;
    case 'smoke':
      return 0.93;
    case 'done':
    case 'failed':
      return 1;
    default: {
      const pull = c.pull && c.pull.total > 0 ? c.pull.current / c.pull.total : 0;
      const steps = c.step ? (c.step.n - 1) / Math.max(1, c.step.of) : 0;
      return 0.02 + 0.75 * Math.max(steps, c.step ? 0 : pull * 0.1);
    }
  }
}

export function elapsed(c: CandidateView, now: number): string {
  if (c.startedAt === undefined) return '';
  const s = ((c.endedAt ?? now) - c.startedAt) / 1000;
  return s >= 60
    ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s`
    : `${s.toFixed(0)}s`;
}
