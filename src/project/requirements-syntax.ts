import { type Source, UserError } from '../errors.js';
import { ShellSplitError, splitCommand } from '../shell-words.js';
import { parsePipRequirement } from './pip-requirement.js';
import type { LogicalLine } from './requirements-lines.js';
import type { Dependency } from './types.js';

// Classifies one logical line of a requirements file the way pip does: a requirement with
// per-requirement options (--hash), or option lines (-r, -c, -e, --index-url, ...).

interface OptionDef {
  long: string;
  short?: string;
  takesValue: boolean;
  /** Allowed after a requirement on the same line (pip's per-requirement options). */
  perRequirement?: boolean;
}

const OPTIONS: OptionDef[] = [
  { long: 'requirement', short: 'r', takesValue: true },
  { long: 'constraint', short: 'c', takesValue: true },
  { long: 'editable', short: 'e', takesValue: true },
  { long: 'index-url', short: 'i', takesValue: true },
  { long: 'extra-index-url', takesValue: true },
  { long: 'find-links', short: 'f', takesValue: true },
  { long: 'trusted-host', takesValue: true },
  { long: 'no-index', takesValue: false },
  { long: 'pre', takesValue: false },
  { long: 'prefer-binary', takesValue: false },
  { long: 'require-hashes', takesValue: false },
  { long: 'only-binary', takesValue: true },
  { long: 'no-binary', takesValue: true },
  { long: 'use-feature', takesValue: true },
  { long: 'hash', takesValue: true, perRequirement: true },
  { long: 'config-settings', takesValue: true, perRequirement: true },
  { long: 'global-option', takesValue: true, perRequirement: true },
  { long: 'install-option', takesValue: true, perRequirement: true },
];

export type LineItem =
  | { kind: 'include'; constraint: boolean; value: string }
  | { kind: 'option'; name: string; value: string }
  | { kind: 'requirement'; dep: Dependency };

/** pip splits option text with shlex: an unbalanced quote is an error there too. */
function optionWords(text: string, source: Source): string[] {
  try {
    return splitCommand(text);
  } catch (e) {
    if (!(e instanceof ShellSplitError)) throw e;
    throw new UserError(
      `${e.message} in the options`,
      'close the quote, or quote the value with the other kind of quote',
      source,
    );
  }
}

/** A word that starts with '-', a tab or two blanks in a row: what the split below changes. */
const OPTION_OR_BLANKS = /(?:^|[ \t])-|\t| {2}/;

/** Splits one logical line into pip's argument part and its options. Pure. */
export function parseLine(line: LogicalLine, source: Source, dir = '/'): LineItem[] {
  // Nearly every line is one requirement: no word starts with '-' and no blanks are to be
  // collapsed, so the text is its own argument part (100,000 lines: no split and join each).
  if (!OPTION_OR_BLANKS.test(line.text)) {
    const args = line.text.trim();
    return args === '' ? [] : [{ kind: 'requirement', dep: parsePipRequirement(args, source, false, dir) }];
  }
  // pip: the arguments run up to the first word that starts with '-'.
  const words = line.text.split(/[ \t]+/);
  const firstOpt = words.findIndex((w) => w.startsWith('-'));
  const args = (firstOpt < 0 ? words : words.slice(0, firstOpt)).join(' ').trim();
  const opts =
    firstOpt < 0 ? [] : readOptions(optionWords(words.slice(firstOpt).join(' '), source), source, line.text);
  const items: LineItem[] = [];
  if (args !== '') {
    const misplaced = opts.find((o) => !o.def.perRequirement);
    if (misplaced) {
      throw new UserError(
        `--${misplaced.def.long} cannot follow a requirement on the same line`,
        'put the option on its own line',
        source,
      );
    }
    items.push({ kind: 'requirement', dep: parsePipRequirement(args, source, false, dir) });
    return items;
  }
  for (const { def, value } of opts) {
    if (def.long === 'requirement' || def.long === 'constraint') {
      items.push({ kind: 'include', constraint: def.long === 'constraint', value });
    } else if (def.long === 'editable') {
      items.push({ kind: 'requirement', dep: parsePipRequirement(value, source, true, dir) });
    } else if (def.perRequirement) {
      throw new UserError(
        `--${def.long} must follow a requirement on the same line`,
        'move it after one',
        source,
      );
    } else {
      items.push({ kind: 'option', name: def.long, value });
    }
  }
  return items;
}

function readOptions(tokens: string[], source: Source, text: string): { def: OptionDef; value: string }[] {
  const out: { def: OptionDef; value: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    let def: OptionDef | undefined;
    let value: string | undefined;
    if (tok.startsWith('--')) {
      const [name, ...eq] = tok.slice(2).split('=');
      def = OPTIONS.find((o) => o.long === name);
      if (eq.length > 0) value = eq.join('=');
    } else if (tok.startsWith('-') && tok.length >= 2) {
      def = OPTIONS.find((o) => o.short === tok[1]);
      if (tok.length > 2) value = tok.slice(2).replace(/^=/, '');
    }
    if (!tok.startsWith('-')) {
      throw new UserError(
        `unexpected '${tok}' after an option in '${text.slice(0, 80)}'`,
        'put one requirement or option per line; a requirement goes before its options',
        source,
      );
    }
    if (!def) {
      throw new UserError(
        `unknown option '${tok}' in '${text.slice(0, 80)}'`,
        'requirements files accept requirements and pip options such as -r, -c, -e, --index-url, --hash',
        source,
      );
    }
    if (def.takesValue && value === undefined) {
      value = tokens[++i];
      if (value === undefined || value === '') {
        throw new UserError(`option '${tok}' needs a value`, `write it as ${tok} VALUE`, source);
      }
    }
    out.push({ def, value: value ?? '' });
  }
  return out;
}
