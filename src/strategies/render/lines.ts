import { listNames } from '../../names.js';
import { comment, fromLine } from './escape.js';

/**
 * Dockerfile text primitives (values from a project go through escape.ts first). Every strategy renders through these, so equal inputs give equal
 * bytes — which is what lets two candidates share a builder stage in the build cache.
 *
 * Layout contract (tests rely on it): a header comment block, then one block per stage; blocks are
 * separated by exactly one blank line and have no blank line inside.
 */

export interface Stage {
  /** Comment lines shown above FROM (without '# '). */
  comment: string[];
  from: string;
  /** Named stages can be referenced by COPY --from / mounts; the final stage has no name. */
  name?: string;
  lines: string[];
}

/** `RUN` with commands chained by `&&`, one per line, optional BuildKit mounts. */
export function run(commands: string[], mounts: string[] = []): string {
  const chain = commands.join(' \\\n    && ');
  if (mounts.length === 0) return `RUN ${chain}`;
  // Mounts on their own line: the command stays readable.
  return `RUN ${mounts.map((m) => `--mount=${m}`).join(' ')} \\\n    ${chain}`;
}

/** `head arg arg...` on one line, or one argument per continuation line when long. */
export function wrap(head: string, args: string[], indent = '        '): string {
  const one = [head, ...args].join(' ');
  if (one.length <= 88 || args.length < 2) return one;
  return [head, ...args].join(` \\\n${indent}`);
}

export function renderStage(s: Stage): string {
  return [...comment(s.comment), fromLine(s.from, s.name), ...s.lines].join('\n');
}

export function renderDockerfile(header: string[], stages: Stage[]): string {
  return `${[comment(header).join('\n'), ...stages.map(renderStage)].join('\n\n')}\n`;
}

export function unique(list: Iterable<string>): string[] {
  return [...new Set(list)];
}

export function sortedUnique(list: Iterable<string>): string[] {
  return unique(list).sort();
}

/** "a, b compile" / "a compiles": the names with the verb agreeing. */
export function namesVerb(names: string[], verb: string): string {
  return `${listNames(names)} ${names.length === 1 ? `${verb}s` : verb}`;
}
