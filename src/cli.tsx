import { readFileSync } from 'node:fs';
import { type Flags, parseCliArgs } from './cli/args.js';
import { HELP } from './cli/help.js';
import { describeError, errorText } from './errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { redactText } from './redact.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function dispatch(command: string, flags: Flags): Promise<ExitCode> {
  switch (command) {
    case 'help':
      process.stdout.write(HELP);
      return EXIT.ok;
    case 'version':
      process.stdout.write(`${version()}\n`);
      return EXIT.ok;
    case 'plan': {
      // Each command loads only what it uses: the wizard's first frame waits for nothing else.
      const { planCommand } = await import('./commands/plan.js');
      return planCommand(flags, process.stdout);
    }
    case 'race': {
      const { raceCommand } = await import('./commands/race.js');
      return raceCommand(flags);
    }
    case 'clean': {
      const { cleanCommand } = await import('./commands/clean.js');
      return cleanCommand(flags);
    }
    default: {
      // The wizard is the only place React/Ink load: headless commands stay lean.
      const { wizardCommand } = await import('./commands/wizard.js');
      return wizardCommand(flags);
    }
  }
}

/**
 * Everything printed goes through redactText: plan, race, progress, errors, the wizard's frames.
 * (Values are redacted where they are made too; this is the net under all of them.)
 */
function redactOutput(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? redactText(chunk) : chunk, ...rest)) as typeof stream.write;
}

/** The one place the headless CLI tells about an error: what, where, what to try; a stack only when asked. */
export async function main(argv: string[]): Promise<ExitCode> {
  redactOutput(process.stdout);
  redactOutput(process.stderr);
  try {
    const { command, flags } = parseCliArgs(argv);
    return await dispatch(command, flags);
  } catch (e) {
    const report = describeError(e);
    process.stderr.write(errorText(report));
    return report.exitCode;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
