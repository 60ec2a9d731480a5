import type { Flags } from '../cli/args.js';
import { planProject } from '../pipeline/plan-project.js';
import { planJson } from '../report/plan-json.js';
import { planText } from '../report/plan-text.js';

export async function planCommand(flags: Flags, out: NodeJS.WritableStream): Promise<number> {
  const plan = await planProject({
    dir: flags.dir,
    python: flags.python,
    images: flags.images,
    indexUrl: flags.indexUrl,
    offline: flags.offline,
  });
  out.write(flags.json ? `${JSON.stringify(planJson(plan), null, 2)}\n` : planText(plan));
  return 0;
}
