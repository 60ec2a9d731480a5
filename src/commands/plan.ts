import type { Flags } from '../cli/args.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { planJson } from '../report/plan-json.js';
import { planText } from '../report/plan-text.js';
import { requestFromFlags } from '../session/request.js';
import { createSession } from '../session/session.js';

/** `slim-py plan`: no engine is asked, so wheels are judged for this machine's architecture (and it says so). */
export async function planCommand(flags: Flags, out: NodeJS.WritableStream): Promise<ExitCode> {
  const plan = await createSession(requestFromFlags(flags)).plan();
  out.write(flags.json ? `${JSON.stringify(planJson(plan), null, 2)}\n` : planText(plan));
  return EXIT.ok;
}
