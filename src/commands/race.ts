import { createInterface } from 'node:readline/promises';
import type { Flags } from '../cli/args.js';
import { Cancelled, formatSource, UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { leaderboardText } from '../report/leaderboard-text.js';
import { raceJson } from '../report/race-json.js';
import { requestFromFlags } from '../session/request.js';
import { selectionNotes } from '../session/select-candidates.js';
import { createSession } from '../session/session.js';
import type { RaceOutcome } from '../session/types.js';
import { carrierSentence } from '../strategies/render/credentials.js';
import { sshSentence } from '../strategies/render/ssh.js';
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

/** `slim-py race`: connect, plan for the engine, build every candidate, rank, optionally write. */
export async function raceCommand(flags: Flags): Promise<ExitCode> {
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const session = createSession(requestFromFlags(flags));
  const info = await session.connect();
  const plan = await session.plan();
  for (const n of plan.notes) err(`note: ${n}`);
  const selection = session.select(plan);
  const { candidates } = selection;
  // What this engine cannot do is said now, not found out mid-race.
  for (const line of selectionNotes(selection)) err(line);
  for (const w of plan.project.warnings)
    err(`warning: ${w.source ? `${formatSource(w.source)}: ` : ''}${w.message}`);
  const carrier = carrierSentence(plan.options);
  if (carrier) err(`note: ${carrier}`);
  if (candidates.some((c) => c.needsSsh)) err(`note: ${sshSentence(plan.options)}`);
  if (!flags.yes) {
    if (!process.stdin.isTTY) {
      throw new UserError(
        'race builds images and needs a yes',
        'add --yes (CI and scripts), or run it in a terminal',
      );
    }
    if (!(await confirm(`Build ${candidates.length} candidates on ${info.host}? [y/N] `)))
      throw new Cancelled('nothing was built: the race needs a yes');
  }
  const stop = new AbortController();
  const release = onInterrupt(() => {
    err('interrupted: stopping builds and removing what this run made (Ctrl-C again to force)');
    stop.abort();
  });
  const progress = createProgressPrinter(err);
  err(`session ${session.id}: every image and container is labelled slim-py.session=${session.id}`);
  let outcome: RaceOutcome | undefined;
  try {
    for await (const e of session.race({ plan, candidates, signal: stop.signal })) {
      if (e.type === 'repair') {
        const r = e.repair;
        const what = r.kind === 'build' ? 'its build lacked' : 'the library audit found missing';
        const where = r.kind === 'build' ? 'builder' : 'runtime';
        err(
          `${e.id}: ${what} ${r.missing.join(', ')}; racing it again with ${r.apt.join(' ')} in the ${where}`,
        );
        continue;
      }
      progress(e);
      if (e.type === 'race-end') outcome = e;
    }
  } finally {
    release();
  }
  if (!outcome || outcome.cancelled) return EXIT.cancelled;
  const { board } = outcome;
  const written: string[] = [];
  if (flags.write && board.winner) {
    for (const o of await session.write({ plan, id: board.winner, race: outcome })) {
      written.push(o.path);
      if (o.backup) err(`kept the previous ${o.path} as ${o.backup}`);
    }
  }
  if (flags.json)
    process.stdout.write(
      `${JSON.stringify(raceJson(info, board, outcome.candidates, written, false, plan.project.warnings), null, 2)}\n`,
    );
  else {
    process.stdout.write(leaderboardText(board));
    for (const p of written) process.stdout.write(`wrote ${p}\n`);
    if (board.winner && !flags.write) process.stdout.write('Add --write to write the winning Dockerfile.\n');
  }
  return board.winner ? EXIT.ok : EXIT.noWinner;
}
