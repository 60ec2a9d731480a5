import { redactText } from '../redact.js';
import type { LayerInfo } from './engine.js';

export interface HistoryEntry {
  CreatedBy?: string;
  Size?: number;
}

/**
 * The instruction behind a history entry, as a user would write it. Classic builder:
 * `/bin/sh -c #(nop)  ENV A=1` (metadata) or `/bin/sh -c pip install x` (RUN); BuildKit:
 * `RUN /bin/sh -c pip install x # buildkit`, `COPY . /app # buildkit`.
 */
export function tidyCreatedBy(raw: string): string {
  // The classic builder records the build args a RUN saw: `|1 PIP_INDEX_URL=... /bin/sh -c ...`.
  let s = redactText(
    raw
      .trim()
      .replace(/\s+# buildkit$/, '')
      .replace(/^\|\d+ (?:\S+=\S* )*(?=\/bin\/sh -c )/, ''),
  );
  const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(s);
  if (nop?.[1]) return nop[1].trim().replace(/^(COPY|ADD) (file|dir|multi):[0-9a-f]+ in /, '$1 ... ');
  const classicRun = /^\/bin\/sh -c (.*)$/s.exec(s);
  if (classicRun?.[1]) return `RUN ${classicRun[1].trim()}`;
  s = s.replace(/^RUN \/bin\/sh -c /, 'RUN ');
  // BuildKit prefixes build args used by a RUN: `RUN |2 A=1 B=2 /bin/sh -c ...`.
  s = s.replace(/^RUN \|\d+ (?:\S+=\S* )*\/bin\/sh -c /, 'RUN ');
  return s;
}

/** Docker's history is newest first; layers are reported oldest first, only those with bytes. */
export function layersFromHistory(history: HistoryEntry[]): LayerInfo[] {
  return [...history]
    .reverse()
    .filter((h) => (h.Size ?? 0) > 0)
    .map((h) => ({ sizeBytes: h.Size ?? 0, createdBy: tidyCreatedBy(h.CreatedBy ?? '') }));
}
