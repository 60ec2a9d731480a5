import path from 'node:path';
import type { Flags } from '../src/cli/args.js';
import type { DockerodeEngine } from '../src/docker/dockerode-engine.js';
import type { EngineInfo } from '../src/docker/engine.js';
import { newSessionId } from '../src/docker/labels.js';
import { freeBackupName, readIfExists } from '../src/output/safe-write.js';
import { dockerfileTarget, finalDockerfile, REPORT_FILES, writeWinner } from '../src/output/write-winner.js';
import { planProject } from '../src/pipeline/plan-project.js';
import { raceProject } from '../src/pipeline/race-project.js';
import { raceReports } from '../src/report/race-reports.js';
import type { WizardEngine, WriteChoice, WritePreview } from './wizard-engine.js';

/** What writeWinner will do, computed the same way it does (same paths, same backup naming). */
export async function previewWrite(
  choice: WriteChoice,
  out: string | undefined,
  now: Date,
): Promise<WritePreview> {
  const file = dockerfileTarget(choice.plan.project.root, out);
  const content = finalDockerfile({ candidate: choice.candidate, board: choice.board, now });
  const existing = await readIfExists(file);
  const ignore = path.join(choice.plan.project.root, '.dockerignore');
  return {
    path: file,
    content,
    ...(existing !== undefined ? { existing } : {}),
    ...(existing !== undefined && existing !== content ? { backup: await freeBackupName(file) } : {}),
    ...((await readIfExists(ignore)) === undefined ? { dockerignore: ignore } : {}),
    reports: choice.board ? Object.values(REPORT_FILES).map((r) => path.join(path.dirname(file), r)) : [],
  };
}

/** Writes like `race --write`: the Dockerfile, .dockerignore if missing, and the reports when measured. */
export function writeChoice(
  choice: WriteChoice,
  out: string | undefined,
  info: EngineInfo | undefined,
  now: Date,
) {
  const { plan, candidate, board } = choice;
  const raced = plan.candidates.filter((c) => board?.rows.some((r) => r.id === c.id));
  return writeWinner({
    root: plan.project.root,
    ...(out ? { out } : {}),
    candidate,
    now,
    ...(board
      ? {
          board,
          reports: raceReports(plan.project.name, info ?? { builder: 'buildkit', host: '' }, board, raced),
        }
      : {}),
  });
}

/** The wizard's engine on the real thing: the same functions `slim-py race` uses. */
export function createRealEngine(flags: Flags): WizardEngine {
  // dockerode (and ssh2 under it) loads only when the engine is first needed, not before the
  // wizard's first frame.
  let docker: Promise<DockerodeEngine> | undefined;
  const engine = () =>
    (docker ??= import('../src/docker/dockerode-engine.js').then((m) => new m.DockerodeEngine()));
  let info: EngineInfo | undefined;
  return {
    raceSettings: {
      concurrency: flags.concurrency,
      keep: flags.keep,
      ...(flags.network ? { network: flags.network } : {}),
    },
    now: () => Date.now(),
    plan: (python) =>
      planProject({
        dir: flags.dir,
        python: python ?? flags.python,
        images: flags.images,
        indexUrl: flags.indexUrl,
        offline: flags.offline,
      }),
    connect: async () => {
      info = await (await engine()).connect();
      return info;
    },
    race: async function* ({ plan, candidates, signal }) {
      yield* raceProject({
        plan,
        candidates,
        engine: await engine(),
        sessionId: newSessionId(),
        concurrency: flags.concurrency,
        ...(flags.network ? { network: flags.network } : {}),
        keep: flags.keep,
        ...(flags.noCache ? { noCache: true } : {}),
        timeoutSeconds: flags.timeoutSeconds,
        signal,
      });
    },
    preview: (choice) => previewWrite(choice, flags.out, new Date()),
    write: (choice) => writeChoice(choice, flags.out, info, new Date()),
  };
}
