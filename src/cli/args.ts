import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { INDEX_URL_HINT, indexUrlProblem } from '../index-url.js';
import { clip } from '../one-line.js';
import { PREFERS, type Prefer } from '../report/winner-rule.js';
import { BYTECODE_POLICIES, type BytecodePolicy } from '../strategies/types.js';

export type Command = 'wizard' | 'plan' | 'race' | 'clean' | 'help' | 'version';

/** Every flag of every command; each command reads the ones it documents. */
export interface Flags {
  dir: string;
  json: boolean;
  python?: string;
  images: string[];
  indexUrl?: string;
  offline: boolean;
  yes: boolean;
  write: boolean;
  out?: string;
  strategies?: string[];
  network?: string;
  concurrency: number;
  keep: boolean;
  noCache: boolean;
  timeoutSeconds: number;
  /** `--group NAME` / `--no-group NAME`: dependency groups and extras in or out of the image. */
  groups: string[];
  noGroups: string[];
  /** `--requirements FILE`: the requirements file to install, instead of the one slim-py picks. */
  requirements?: string;
  /** How the winner is chosen (winner-rule.ts); undefined: pyproject's, else balanced. */
  prefer?: Prefer;
  /** Bytecode policy; undefined: pyproject's, else 'imports'. */
  bytecode?: BytecodePolicy;
}

export interface ParsedArgs {
  command: Command;
  flags: Flags;
}

const COMMANDS = new Set(['plan', 'race', 'clean', 'help', 'version']);

export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgsStrict>;
  try {
    parsed = parseArgsStrict(argv);
  } catch (e) {
    // node:util's messages are clear ("Unknown option '--foo'"), they only lack the way out.
    throw new UserError((e as Error).message, 'run `slim-py help` for the commands and options');
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', flags: defaults('.') };
  if (values.version) return { command: 'version', flags: defaults('.') };
  let command: Command = 'wizard';
  const rest = [...positionals];
  if (rest[0] && COMMANDS.has(rest[0])) command = rest.shift() as Command;
  if (rest.length > 1) {
    throw new UserError(`too many arguments: ${rest.join(' ')}`, 'give at most one project directory');
  }
  const flags: Flags = {
    ...defaults(rest[0] ?? '.'),
    json: values.json ?? false,
    python: values.python === undefined ? undefined : checkPython(values.python),
    images: values.image ?? [],
    indexUrl: values['index-url'] === undefined ? undefined : checkUrl(values['index-url']),
    offline: values.offline ?? false,
    yes: values.yes ?? false,
    write: values.write ?? false,
    out: values.out,
    strategies: values.strategies
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    network: values.network,
    concurrency: positiveInt(values.concurrency, '--concurrency', 2),
    keep: values.keep ?? false,
    noCache: values['no-cache'] ?? false,
    timeoutSeconds: positiveInt(values.timeout, '--timeout', 1200),
    groups: values.group ?? [],
    noGroups: values['no-group'] ?? [],
    requirements: values.requirements,
  };
  const prefer = values.prefer && oneOf(values.prefer, '--prefer', PREFERS);
  if (prefer) flags.prefer = prefer;
  const bytecode = values.bytecode && oneOf(values.bytecode, '--bytecode', BYTECODE_POLICIES);
  if (bytecode) flags.bytecode = bytecode;
  return { command, flags };
}

function parseArgsStrict(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      python: { type: 'string' },
      image: { type: 'string', multiple: true },
      'index-url': { type: 'string' },
      offline: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      write: { type: 'boolean' },
      out: { type: 'string' },
      strategies: { type: 'string' },
      network: { type: 'string' },
      concurrency: { type: 'string' },
      keep: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      timeout: { type: 'string' },
      group: { type: 'string', multiple: true },
      'no-group': { type: 'string', multiple: true },
      requirements: { type: 'string' },
      prefer: { type: 'string' },
      bytecode: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function defaults(dir: string): Flags {
  return {
    dir,
    json: false,
    images: [],
    offline: false,
    yes: false,
    write: false,
    concurrency: 2,
    keep: false,
    noCache: false,
    timeoutSeconds: 1200,
    groups: [],
    noGroups: [],
  };
}

/** `--python ''` is a mistake too (an empty variable in a script), not "no flag". */
function checkPython(v: string): string {
  if (!/^3\.\d{1,2}$/.test(v)) {
    throw new UserError(
      `--python ${JSON.stringify(clip(v))} is not a Python version`,
      'give major.minor, e.g. --python 3.12',
    );
  }
  return v;
}

function checkUrl(v: string): string {
  const problem = indexUrlProblem(v);
  if (problem) throw new UserError(`--index-url ${JSON.stringify(clip(v))} ${problem}`, INDEX_URL_HINT);
  return v;
}

function oneOf<T extends string>(v: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v))
    throw new UserError(`${flag} ${v} is not one of ${allowed.join(', ')}`, `e.g. ${flag} ${allowed[0]}`);
  return v as T;
}

function positiveInt(v: string | undefined, flag: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`${flag} ${v} is not a positive whole number`, `e.g. ${flag} 2`);
  return n;
}
