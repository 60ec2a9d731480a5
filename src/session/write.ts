import path from 'node:path';
import { freeBackupName, readIfExists, type WriteOutcome } from '../output/safe-write.js';
import { dockerfileTarget, finalDockerfile, REPORT_FILES, writeWinner } from '../output/write-winner.js';
import { raceReports } from '../report/race-reports.js';
import type { Candidate } from '../strategies/types.js';
import type { WriteChoice, WritePreview } from './types.js';

/** The candidate a choice names: the race's final one (repaired if it was), else the plan's. */
export function chosenCandidate(choice: WriteChoice): Candidate {
  const from = choice.race ? choice.race.candidates : choice.plan.candidates;
  const found = from.find((c) => c.id === choice.id);
  if (!found)
    throw new Error(`write: ${choice.id} is not among the ${choice.race ? 'raced' : 'planned'} candidates`);
  return found;
}

/** What writeChosen will do, computed the same way it does (same paths, same backup naming). */
export async function previewWrite(
  choice: WriteChoice,
  out: string | undefined,
  now: Date,
): Promise<WritePreview> {
  const candidate = chosenCandidate(choice);
  const file = dockerfileTarget(choice.plan.project.root, out);
  const content = finalDockerfile({ candidate, ...(choice.race ? { board: choice.race.board } : {}), now });
  const existing = await readIfExists(file);
  const ignore = path.join(choice.plan.project.root, '.dockerignore');
  return {
    candidate,
    path: file,
    content,
    ...(existing !== undefined ? { existing } : {}),
    ...(existing !== undefined && existing !== content ? { backup: await freeBackupName(file) } : {}),
    ...((await readIfExists(ignore)) === undefined ? { dockerignore: ignore } : {}),
    reports: choice.race ? Object.values(REPORT_FILES).map((r) => path.join(path.dirname(file), r)) : [],
  };
}

/** The Dockerfile, .dockerignore if missing, and after a race the reports, of the final candidates. */
export function writeChosen(
  choice: WriteChoice,
  out: string | undefined,
  now: Date,
): Promise<WriteOutcome[]> {
  const { plan, race } = choice;
  return writeWinner({
    root: plan.project.root,
    ...(out ? { out } : {}),
    candidate: chosenCandidate(choice),
    now,
    ...(race
      ? {
          board: race.board,
          reports: raceReports(
            plan.project.name,
            race.engine,
            race.board,
            race.candidates,
            plan.project.warnings,
          ),
        }
      : {}),
  });
}
