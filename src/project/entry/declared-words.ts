import { type Source, UserError } from '../../errors.js';
import { ShellSplitError, shellSyntaxIn, splitCommand } from '../../shell-words.js';

/** Programs the images slim-py builds do not carry (they hold Python, the app and its packages). */
const NOT_IN_IMAGE = new Set([
  'make',
  'cmake',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'node',
  'bun',
  'deno',
  'bundle',
  'rake',
  'ruby',
  'java',
  'go',
  'cargo',
  'honcho',
  'foreman',
  'heroku',
  'docker',
  'docker-compose',
  'poetry',
  'pipenv',
  'uv',
  'pdm',
  'hatch',
  'tox',
  'nox',
]);

/** A command line as argv, or why it cannot be the image's command. */
export type Words = { argv: string[]; shell: boolean } | { unusable: string };

/** Splits a declared command (Procfile, shell-form CMD, compose string) the way sh would. */
export function declaredWords(cmd: string, source: Source, what: string): Words {
  if (shellSyntaxIn(cmd)) {
    // Shell syntax needs a shell; images without one (distroless, closure) cannot run it.
    return { argv: ['sh', '-c', cmd], shell: true };
  }
  let argv: string[];
  try {
    argv = splitCommand(cmd);
  } catch (e) {
    if (!(e instanceof ShellSplitError)) throw e;
    throw new UserError(
      `the ${what} command cannot be split into words: ${e.message}`,
      'close the quote (the platform that runs it would fail on it too)',
      source,
    );
  }
  argv = withoutRunner(argv);
  return usable(argv) ?? { argv, shell: false };
}

/** `poetry run X`, `uv run X`...: the tool runs X in its venv; in the image X is on PATH already. */
export function withoutRunner(argv: string[]): string[] {
  if (!['poetry', 'pipenv', 'pdm', 'hatch', 'uv', 'rye'].includes(argv[0] ?? '') || argv[1] !== 'run')
    return argv;
  let i = 2;
  while (argv[i]?.startsWith('-')) i++;
  return argv.length > i ? argv.slice(i) : argv;
}

/** Why an argv cannot run in the image (a build tool, a bare interpreter), or undefined. */
export function usable(argv: string[]): { unusable: string } | undefined {
  const first = (argv[0] ?? '').split('/').pop() ?? '';
  if (first === '') return { unusable: 'it is empty' };
  if (NOT_IN_IMAGE.has(first))
    return {
      unusable: `it runs ${first}, which the image does not have (it carries Python and the app only)`,
    };
  if (/^(python(3(\.\d+)?)?|sh|bash|ipython)$/.test(first) && argv.length === 1)
    return { unusable: `it only starts ${first}, not the app` };
  return undefined;
}
