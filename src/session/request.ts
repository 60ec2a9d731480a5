import type { Flags } from '../cli/args.js';
import type { SessionRequest } from './types.js';

/** The flags as a request: the one place that maps them (the wizard and `race` read the same). */
export function requestFromFlags(flags: Flags, env: NodeJS.ProcessEnv = process.env): SessionRequest {
  return {
    dir: flags.dir,
    ...(flags.python ? { python: flags.python } : {}),
    images: flags.images,
    ...(flags.indexUrl ? { indexUrl: flags.indexUrl } : {}),
    offline: flags.offline,
    ...(flags.strategies ? { strategies: flags.strategies } : {}),
    ...(flags.out ? { out: flags.out } : {}),
    project: {
      groups: flags.groups,
      noGroups: flags.noGroups,
      ...(flags.requirements ? { requirements: flags.requirements } : {}),
    },
    ...(flags.prefer ? { prefer: flags.prefer } : {}),
    ...(flags.bytecode ? { bytecode: flags.bytecode } : {}),
    race: {
      concurrency: flags.concurrency,
      keep: flags.keep,
      ...(flags.network ? { network: flags.network } : {}),
      noCache: flags.noCache,
      timeoutSeconds: flags.timeoutSeconds,
    },
    env,
  };
}
