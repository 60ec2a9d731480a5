import { once } from 'node:events';
import type { Flags } from '../cli/args.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { jsonPieces } from '../report/json-pieces.js';
import { planJson } from '../report/plan-json.js';
import { planTextPieces } from '../report/plan-text.js';
import { requestFromFlags } from '../session/request.js';
import { createSession } from '../session/session.js';

/** `slim-py plan`: no engine is asked, so wheels are judged for this machine's architecture (and it says so). */
export async function planCommand(flags: Flags, out: NodeJS.WritableStream): Promise<ExitCode> {
  const plan = await createSession(requestFromFlags(flags)).plan();
  // In pieces (each redacted as it is written, see cli.tsx): never the whole text or JSON in memory.
  const pieces = flags.json ? jsonPieces(planJson(plan)) : planTextPieces(plan);
  for (const piece of pieces) {
    if (!out.write(piece)) await once(out, 'drain');
  }
  return EXIT.ok;
}
