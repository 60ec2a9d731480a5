import path from 'node:path';
import type { Leaderboard } from '../report/leaderboard.js';
import type { Candidate } from '../strategies/types.js';
import { DEFAULT_DOCKERIGNORE } from './dockerignore.js';
import { type WriteOutcome, writeIfMissing, writeKeepingBackup } from './safe-write.js';
import { teachingHeader } from './teaching-header.js';

export interface WriteRequest {
  root: string;
  /** Dockerfile path (default ROOT/Dockerfile). */
  out?: string;
  candidate: Candidate;
  board?: Leaderboard;
  /** Markdown and JSON reports, written beside the Dockerfile. */
  reports?: { markdown: string; json: unknown };
  now?: Date;
}

/** The final Dockerfile text: teaching header, then the candidate's own commented Dockerfile. */
export function finalDockerfile(req: Pick<WriteRequest, 'candidate' | 'board' | 'now'>): string {
  // A `# syntax=` parser directive must stay the very first line, so the header goes after it.
  const body = req.candidate.dockerfile;
  const directive = /^#\s*syntax=.*\n/.exec(body)?.[0] ?? '';
  return `${directive}${teachingHeader(req.candidate, req.board, req.now ?? new Date())}\n${body.slice(directive.length)}`;
}

/** Where the Dockerfile goes: `--out`, else the project's own Dockerfile. */
export function dockerfileTarget(root: string, out: string | undefined): string {
  return path.resolve(out ?? path.join(root, 'Dockerfile'));
}

/** The reports' names, written beside the Dockerfile. */
export const REPORT_FILES = { markdown: 'slim-py-report.md', json: 'slim-py-report.json' } as const;

/** Writes the Dockerfile (backing up a different existing one), .dockerignore if missing, reports. */
export async function writeWinner(req: WriteRequest): Promise<WriteOutcome[]> {
  const dockerfile = dockerfileTarget(req.root, req.out);
  const outcomes: WriteOutcome[] = [await writeKeepingBackup(dockerfile, finalDockerfile(req))];
  // What the Dockerfile COPYs from the context besides the project (slim-py.lock.txt): ours, replaced.
  for (const [name, text] of Object.entries(req.candidate.files ?? {}))
    outcomes.push(await writeKeepingBackup(path.join(req.root, name), text, '# Written by slim-py'));
  const ignore = await writeIfMissing(path.join(req.root, '.dockerignore'), DEFAULT_DOCKERIGNORE);
  if (ignore) outcomes.push(ignore);
  if (req.reports) {
    const dir = path.dirname(dockerfile);
    // Reports are ours: a previous report is replaced, anything else of that name is backed up.
    const json = `${JSON.stringify(req.reports.json, null, 2)}\n`;
    outcomes.push(
      await writeKeepingBackup(
        path.join(dir, REPORT_FILES.markdown),
        req.reports.markdown,
        '# slim-py report',
      ),
    );
    outcomes.push(await writeKeepingBackup(path.join(dir, REPORT_FILES.json), json, '"winner"'));
  }
  return outcomes;
}
