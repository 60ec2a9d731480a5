import { createInterface } from 'node:readline/promises';
import type { Flags } from '../cli/args.js';
import { DockerodeEngine } from '../docker/dockerode-engine.js';
import { newSessionId } from '../docker/labels.js';
import { UserError } from '../errors.js';
import { writeWinner } from '../output/write-winner.js';
import { planProject } from '../pipeline/plan-project.js';
import { raceProject } from '../pipeline/race-project.js';
import { selectCandidates } from '../pipeline/select-candidates.js';
import type { Result } from '../race/types.js';
import { rank } from '../report/leaderboard.js';
import { leaderboardText } from '../report/leaderboard-text.js';
import { raceJson } from '../report/race-json.js';
import { raceReports } from '../report/race-reports.js';
import { createProgressPrinter } from './race-progress.js';
import { onInterrupt } from './signals.js';

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `slim-py race`: plan, build every candidate, rank, optionally write. Exit 0 winner, 1 none, 2 bad input. */
export async function raceCommand(flags: Flags): Promise<number> {
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const plan = await planProject({ ...flags, dir: flags.dir });
  for (const n of plan.notes) err(`note: ${n}`);
  const { candidates, skipped } = selectCandidates(plan.candidates, flags.strategies);
  for (const s of skipped) err(`skipped ${s.id}: ${s.reason}`);
  const engine = new DockerodeEngine();
  const info = await engine.connect();
  if (!flags.yes) {
    if (!process.stdin.isTTY) {
      throw new UserError(
        'race builds images and needs a yes',
        'add --yes (CI and scripts), or run it in a terminal',
      );
    }
    if (!(await confirm(`Build ${candidates.length} candidates on ${info.host}? [y/N] `))) return 2;
  }
  const stop = new AbortController();
  const release = onInterrupt(() => {
    err('interrupted: stopping builds and removing what this run made (Ctrl-C again to force)');
    stop.abort();
  });
  const progress = createProgressPrinter(err);
  const sessionId = newSessionId();
  err(`session ${sessionId}: every image and container is labelled slim-py.session=${sessionId}`);
  let results: Result[] = [];
  let cancelled = false;
  // A repaired candidate's Dockerfile replaces its first one (what gets written is what passed).
  const raced = new Map(candidates.map((c) => [c.id, c]));
  try {
    for await (const e of raceProject({
      plan,
      candidates,
      engine,
      sessionId,
      concurrency: flags.concurrency,
      ...(flags.network ? { network: flags.network } : {}),
      keep: flags.keep,
      noCache: flags.noCache,
      timeoutSeconds: flags.timeoutSeconds,
      signal: stop.signal,
    })) {
      if (e.type === 'repair') {
        raced.set(e.id, e.candidate);
        const r = e.repair;
        const what = r.kind === 'build' ? 'its build lacked' : 'the library audit found missing';
        const where = r.kind === 'build' ? 'builder' : 'runtime';
        err(
          `${e.id}: ${what} ${r.missing.join(', ')}; racing it again with ${r.apt.join(' ')} in the ${where}`,
        );
        continue;
      }
      progress(e);
      if (e.type === 'race-end') {
        results = e.results;
        cancelled = e.cancelled;
      }
    }
  } finally {
    release();
  }
  if (cancelled) return 130;
  const board = rank(results);
  const written: string[] = [];
  const final = [...raced.values()];
  const winner = final.find((c) => c.id === board.winner);
  if (flags.write && winner) {
    const outcomes = await writeWinner({
      root: plan.project.root,
      ...(flags.out ? { out: flags.out } : {}),
      candidate: winner,
      board,
      reports: raceReports(plan.project.name, info, board, final),
    });
    for (const o of outcomes) {
      written.push(o.path);
      if (o.backup) err(`kept the previous ${o.path} as ${o.backup}`);
    }
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(raceJson(info, board, final, written), null, 2)}\n`);
  else {
    process.stdout.write(leaderboardText(board));
    for (const p of written) process.stdout.write(`wrote ${p}\n`);
    if (winner && !flags.write) process.stdout.write('Add --write to write the winning Dockerfile.\n');
  }
  return board.winner ? 0 : 1;
}
