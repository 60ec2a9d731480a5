import type { RaceEvent } from '../race/types.js';
import { engineLine } from '../report/engine-line.js';
import { recheckedLine, recheckingLine } from '../report/recheck-lines.js';
import { mb } from '../report/units.js';

/**
 * Headless progress on stderr: one line per phase change and per Dockerfile step, pull progress
 * at most every few seconds per candidate, so a CI log stays readable.
 */
export function createProgressPrinter(write: (line: string) => void, now = () => Date.now()) {
  const lastPull = new Map<string, number>();
  const started = now();
  const t = () => `${((now() - started) / 1000).toFixed(0).padStart(4)}s`;
  return (e: RaceEvent): void => {
    switch (e.type) {
      case 'race-start':
        write(
          `${t()} race: ${e.candidates.length} candidates on ${e.engine.host} (${engineLine(e.engine)}${e.engine.network ? `, network ${e.engine.network}` : ''})`,
        );
        return;
      case 'building':
      case 'inspecting':
      case 'audit':
      case 'smoke':
        write(
          `${t()} ${e.id}: ${e.type === 'audit' ? 'library audit' : e.type === 'smoke' ? 'smoke test' : e.type}`,
        );
        return;
      case 'progress': {
        const p = e.event;
        if (p.type === 'step') write(`${t()} ${e.id}: step ${p.n}/${p.of} ${p.instruction.slice(0, 90)}`);
        else if (p.type === 'pull' && p.total > 0 && now() - (lastPull.get(e.id) ?? 0) > 5000) {
          lastPull.set(e.id, now());
          write(
            `${t()} ${e.id}: pulling ${p.ref ?? ''} ${Math.round((100 * p.current) / p.total)}% of ${mb(p.total)}`,
          );
        }
        return;
      }
      case 'done':
        write(`${t()} ${e.id}: passed, ${mb(e.result.sizeBytes)} in ${e.result.buildSeconds.toFixed(0)} s`);
        return;
      case 'failed':
        write(`${t()} ${e.id}: FAILED at ${e.result.failedAt ?? 'build'}: ${e.result.error ?? ''}`);
        return;
      case 'startup-recheck':
        write(`${t()} ${recheckingLine(e)}`);
        return;
      case 'startup-rechecked':
        write(`${t()} ${recheckedLine(e)}`);
        return;
      case 'race-end':
        write(
          `${t()} race over${e.cancelled ? ' (cancelled)' : ''}${e.removed ? `; removed ${e.removed.images} images, ${e.removed.containers} containers` : ''}`,
        );
        return;
      default:
        return;
    }
  };
}
