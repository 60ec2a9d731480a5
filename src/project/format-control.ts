import { formatSource, type Source, UserError } from '../errors.js';
import { isValidName, normalizeName } from './normalize.js';

// pip's --no-binary / --only-binary ("format control"), read in order as pip reads them:
// `:all:` resets both lists, `:none:` empties the one it is given to, a name moves from one list
// to the other. The name's own entry beats `:all:` (pip's FormatControl.get_allowed_formats).

export interface FormatOption {
  flag: 'no-binary' | 'only-binary';
  value: string;
  source: Source;
  /**
   * Set when the option comes from a tool's setting that pip never reads itself (uv's
   * `no-binary-package`): the install then passes it to pip, and the plan names the setting.
   */
  setting?: string;
}

/** What pip may take for one package; `option` names the line that decided, for the plan. */
export interface AllowedFormats {
  binary: boolean;
  source: boolean;
  option: string;
}

type Entries = Map<string, FormatOption>;

/** A value pip accepts: comma-separated names, `:all:`, `:none:`. Refused at parse time otherwise. */
export function checkFormatValue(flag: string, value: string, source: Source): void {
  const wrongName = value.split(',').find((n) => n !== ':all:' && n !== ':none:' && !isValidName(n));
  const bad = value.startsWith('-')
    ? 'needs a value'
    : wrongName !== undefined
      ? `names no package: ${JSON.stringify(wrongName.slice(0, 80))}`
      : undefined;
  if (bad !== undefined) {
    throw new UserError(
      `--${flag} ${JSON.stringify(value.slice(0, 80))} ${bad}`,
      `write --${flag} :all:, --${flag} :none: or package names separated by commas`,
      source,
    );
  }
}

function apply(opt: FormatOption, target: Entries, other: Entries): void {
  let names = opt.value.split(',');
  while (names.includes(':all:')) {
    other.clear();
    target.clear();
    target.set(':all:', opt);
    names = names.slice(names.indexOf(':all:') + 1);
    if (!names.includes(':none:')) return;
  }
  for (const n of names) {
    if (n === ':none:') target.clear();
    else {
      other.delete(normalizeName(n));
      target.set(normalizeName(n), opt);
    }
  }
}

function describe(o: FormatOption): string {
  return `${o.setting ?? `--${o.flag} ${o.value}`} (${formatSource(o.source)})`;
}

/** pip flags for the options pip would not read by itself (a requirements file's own it reads). */
export function formatFlags(options: FormatOption[] | undefined): string[] {
  return (options ?? []).filter((o) => o.setting !== undefined).map((o) => `--${o.flag}=${o.value}`);
}

/** The formats pip allows per package under these options; undefined when nothing is restricted. */
export function formatControl(options: FormatOption[]): (name: string) => AllowedFormats | undefined {
  const noBinary: Entries = new Map();
  const onlyBinary: Entries = new Map();
  for (const o of options) {
    if (o.flag === 'no-binary') apply(o, noBinary, onlyBinary);
    else apply(o, onlyBinary, noBinary);
  }
  return (raw) => {
    const name = normalizeName(raw);
    const only = onlyBinary.get(name);
    if (only) return { binary: true, source: false, option: describe(only) };
    const no = noBinary.get(name);
    if (no) return { binary: false, source: true, option: describe(no) };
    const onlyAll = onlyBinary.get(':all:');
    if (onlyAll) return { binary: true, source: false, option: describe(onlyAll) };
    const noAll = noBinary.get(':all:');
    if (noAll) return { binary: false, source: true, option: describe(noAll) };
    return undefined;
  };
}
