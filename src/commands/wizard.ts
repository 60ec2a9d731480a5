import type { Flags } from '../cli/args.js';
import { UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { requestFromFlags } from '../session/request.js';
import { checkStrategyIds } from '../session/select-candidates.js';
import { onInterrupt } from './signals.js';

/**
 * NO_COLOR (no-color.org): chalk, under Ink, only listens to FORCE_COLOR, and decides when it is
 * first imported. So this runs before Ink loads.
 */
export function respectNoColor(env: NodeJS.ProcessEnv): void {
  if (env.NO_COLOR && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '0';
}

/**
 * Ink draws only the final frame when it thinks it runs in CI (CI or CONTINUOUS_INTEGRATION set).
 * The wizard runs only on a real terminal, where a person watches: live frames are the point.
 * Like respectNoColor, this must run before Ink is first imported.
 */
export function interactiveInk(env: NodeJS.ProcessEnv): void {
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (key in env) env[key] = 'false';
}

/**
 * `slim-py [DIR]`: the Ink wizard. Needs a terminal on both ends; scripts and CI get pointed to
 * the headless `race --yes`. Exit: written, quit without writing, bad input, stopped (EXIT).
 */
export async function wizardCommand(flags: Flags): Promise<ExitCode> {
  checkStrategyIds(flags.strategies);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(
      'the wizard needs a terminal (stdin and stdout), and this is not one',
      `slim-py race ${flags.dir === '.' ? '' : `${flags.dir} `}--yes   (headless: plans, builds, ranks; add --write to write the winner)`,
    );
  }
  respectNoColor(process.env);
  interactiveInk(process.env);
  // Ink and React load only here: the headless commands never pay for them. A first frame goes
  // up as soon as Ink is in; the steps (and @inkjs/ui, the heaviest import) load behind it.
  const [{ render, Text }, { createElement }] = await Promise.all([import('ink'), import('react')]);
  const app = render(createElement(Text, { dimColor: true }, 'slim-py 1/8 Project · reading the project…'), {
    exitOnCtrlC: false,
  });
  const [{ App }, { createSession }] = await Promise.all([
    import('../../components/app.js'),
    import('../session/session.js'),
  ]);
  const stop = new AbortController();
  // SIGTERM (and SIGINT when raw mode is off) stop a race cleanly; raw-mode Ctrl-C arrives as a key.
  const release = onInterrupt(() => stop.abort());
  let code: ExitCode = EXIT.noWinner;
  try {
    app.rerender(
      createElement(App, {
        session: createSession(requestFromFlags(flags)),
        dir: flags.dir,
        stop: stop.signal,
        onExit: (c: ExitCode) => {
          code = c;
        },
      }),
    );
    await app.waitUntilExit();
  } finally {
    release();
  }
  return code;
}
