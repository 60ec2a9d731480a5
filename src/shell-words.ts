import { split } from 'shlex';

/**
 * The one place where a command line becomes words and words become a command line (Procfile
 * lines, requirements options, the wizard's entry field, shell arguments inside RUN). Splitting is
 * POSIX shell rules as Python's shlex (and pip) apply them; quoting is its inverse:
 * `splitCommand(joinCommand(argv))` gives `argv` back for every argv.
 */

/** A command line that cannot be split: an unbalanced quote or a backslash at the end. */
export class ShellSplitError extends Error {}

export function splitCommand(text: string): string[] {
  try {
    return split(text);
  } catch (e) {
    const quote = e instanceof Error && /quot/i.test(e.message);
    throw new ShellSplitError(quote ? 'a quote is not closed' : 'a backslash ends the line');
  }
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One word for /bin/sh: plain words stay readable, then single quotes, then double quotes. */
export function quoteWord(word: string): string {
  if (PLAIN.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!/["$`\\!]/.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}

export function joinCommand(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}

/**
 * The first piece of shell syntax outside quotes (`&&`, `|`, `;`, redirections, command
 * substitution, a comment): such a command needs a shell to run.
 */
export function shellSyntaxIn(text: string): string | undefined {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '`' || text.startsWith('$(', i)) return text.startsWith('$(', i) ? '$(' : '`';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (text.startsWith('&&', i) || text.startsWith('||', i)) return text.slice(i, i + 2);
    else if (text.startsWith('$(', i)) return '$(';
    else if ('|;<>&`'.includes(c)) return c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return '#';
  }
  return undefined;
}

const WITH_VARS = /^[A-Za-z0-9_@%+=:,./-]*(\$\{?[A-Za-z_]\w*\}?[A-Za-z0-9_@%+=:,./-]*)+$/;

/**
 * An entry command for display: like joinCommand, but `$PORT`-style words stay as written,
 * because the image expands them at start as sh would (it still splits back to the same argv).
 */
export function displayCommand(argv: readonly string[]): string {
  return argv.map((w) => (WITH_VARS.test(w) ? w : quoteWord(w))).join(' ');
}
