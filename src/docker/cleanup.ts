import type { Engine, LabelledObjects } from './engine.js';
import { sessionFilter, TOOL_LABEL } from './labels.js';

/** Removes one session's containers, then its images. Safe to call twice. */
export function cleanupSession(engine: Engine, sessionId: string): Promise<LabelledObjects> {
  return engine.removeByLabel(sessionFilter(sessionId));
}

/** `slim-py clean`: everything any slim-py run left behind (e.g. after a crash). */
export function cleanupAll(engine: Engine): Promise<LabelledObjects> {
  return engine.removeByLabel(TOOL_LABEL);
}
