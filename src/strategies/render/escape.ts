import { UserError } from '../../errors.js';
import { clip, hasControl, oneLine } from '../../one-line.js';
import { redactText } from '../../redact.js';
import { quoteWord } from '../../shell-words.js';

/**
 * The one boundary where text becomes Dockerfile. Every value that is not a literal of our own
 * (names, paths, markers, URLs, refs, commands from a project or the user) is written through the
 * function for the place it lands in:
 *
 *   execForm(argv)            CMD / ENTRYPOINT / RUN ["a", "b"]: JSON, no shell, no expansion
 *   shellWord(s)              one word inside a shell-form RUN (quoting: src/shell-words.ts)
 *   copyLine(srcs, dest, f)   COPY ["src", ..., "dest"]: JSON form, escaped for Docker's own
 *                             word lexer ($ \ ' ") and, in sources, for its glob (* ? [)
 *   fromLine(ref, name)       FROM ref [AS name]: `ref` must pass imageRef
 *   imageRef(ref)             the distribution reference grammar (lower-case repository, tag, digest)
 *   argLine(name, value)      ARG NAME[=value]: a checked name, an escaped default
 *   comment(text)             one `# ...` line per string: control characters shown as \n, \x1b...
 *
 * A value that cannot be written safely (a newline in a shell word, an invalid image reference)
 * throws UnsafeValueError, a UserError: the plan stops with a message instead of writing a
 * Dockerfile with an instruction nobody meant. The project reader refuses control characters
 * before they get here, with file:line; this is the last line of defence, not the first.
 */

export class UnsafeValueError extends UserError {}

export { clip, hasControl, oneLine };

function refuse(what: string, value: string, why: string, hint: string): never {
  throw new UnsafeValueError(`${what} ${JSON.stringify(clip(value))} ${why}`, hint);
}

function refuseControl(what: string, value: string): void {
  if (hasControl(value)) {
    refuse(
      what,
      value,
      'contains a line break or another control character, which would end the Dockerfile line',
      'remove the control character from the value (it is never part of a valid name, path or URL)',
    );
  }
}

/** Comment lines (`#` alone for an empty string): nothing in them starts a new line or shows a password. */
export function comment(text: readonly string[]): string[] {
  return text.map((t) => (t === '' ? '#' : `# ${oneLine(redactText(t))}`));
}

/**
 * Exec-form JSON array. JSON escapes every control character, and Docker expands no variables in
 * CMD, ENTRYPOINT or RUN, so any text is safe here — except NUL, which no process can take as argv.
 */
export function execForm(argv: readonly string[]): string {
  for (const a of argv) {
    if (a.includes('\0'))
      refuse('the command argument', a, 'contains a NUL character', 'remove it from the command');
  }
  return jsonArray(argv);
}

/** A JSON array of strings, `<` as `\u003c`: no `<<` in the text for a parser to take for a heredoc. */
function jsonArray(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w).replaceAll('<', '\\u003c')).join(', ')}]`;
}

/**
 * One word for /bin/sh inside a shell-form RUN: quoted when needed, never a line break. A `<<`
 * is written as `<'<'` pieces: BuildKit reads no heredoc inside quotes, but simpler Dockerfile
 * parsers (VS Code's, linters) would, so no `<<` appears in the text at all.
 */
export function shellWord(word: string, what = 'the value'): string {
  refuseControl(what, word);
  if (!word.includes('<<')) return quoteWord(word);
  return word.split('<').map(quoteWord).join(quoteWord('<'));
}

/** Docker's own word lexer (COPY, ARG, WORKDIR, ENV...) reads `\ $ ' "`: a backslash keeps each literal. */
function lexerEscape(text: string): string {
  return text.replace(/[\\$'"]/g, (c) => `\\${c}`);
}

/** COPY sources are glob patterns too: `[*]`, `[?]`, `[[]` match those characters literally. */
function globEscape(text: string): string {
  return text.replace(/[*?[]/g, (c) => `[${c}]`);
}

/** A path that means the same in shell-form COPY: no space, quote, `$`, `\\`, glob or leading `-`. */
const PLAIN_PATH = /^[A-Za-z0-9_@%+=:,./][A-Za-z0-9_@%+=:,./-]*$/;

/**
 * `COPY [flags] src... dest`. Plain paths stay readable (`COPY requirements.txt ./`); any other
 * path makes the line JSON form, escaped so that spaces, quotes, `$`, `#` and brackets stay part
 * of the path (shell-form COPY splits on spaces and expands `$`). `flags` are our own literals
 * (`--from=venv-builder`, `--chown=10001:10001`).
 */
export function copyLine(sources: readonly string[], dest: string, flags: readonly string[] = []): string {
  for (const p of [...sources, dest]) refuseControl('the path', p);
  if ([...sources, dest].every((p) => PLAIN_PATH.test(p)))
    return ['COPY', ...flags, ...sources, dest].join(' ');
  const words = [...sources.map((s) => lexerEscape(globEscape(s))), lexerEscape(dest)];
  return ['COPY', ...flags, jsonArray(words)].join(' ');
}

// The distribution reference grammar (github.com/distribution/reference, regexp.go).
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@${DIGEST})?$`);

/** Why `ref` is not an image reference, or undefined when it is one. */
export function imageRefProblem(ref: string): string | undefined {
  if (ref === '') return 'is empty';
  if (hasControl(ref) || /\s/.test(ref)) return 'contains spaces or control characters';
  const m = REFERENCE.exec(ref);
  if (!m) {
    const lower = ref.toLowerCase();
    if (lower !== ref && REFERENCE.test(lower))
      return 'has upper-case letters: repository names are lower case';
    return 'is not an image reference (NAME[:TAG][@DIGEST]: a lower-case name; a tag of letters, digits, _ . -)';
  }
  if ((m[1] ?? '').length > 255) return 'has a name longer than 255 characters';
  return undefined;
}

/** The reference itself when it is valid; throws UnsafeValueError with what is wrong otherwise. */
export function imageRef(ref: string, what = 'the image reference'): string {
  const problem = imageRefProblem(ref);
  if (problem) {
    refuse(
      what,
      ref,
      problem,
      'use NAME[:TAG] or NAME@sha256:DIGEST in lower case, e.g. registry.example.com:5000/python:3.12-slim',
    );
  }
  return ref;
}

/** A repository name for `docker build -t` made from any text (a folder name): lower case, runs of
 * anything else as one `-`, never starting or ending with one; 'app' when nothing is left. */
export function repositoryName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 128)
    .replace(/^-+|-+$/g, '');
  return name || 'app';
}

/** Stage names are ours; still checked, since `AS` takes whatever follows it. */
const STAGE = /^[a-z][a-z0-9_.-]*$/;

/**
 * `FROM ref [AS name]`. `ref` is an image reference, `scratch` or an earlier stage's name — the
 * last two are valid references by the same grammar, so one check covers all three.
 */
export function fromLine(ref: string, name?: string): string {
  imageRef(ref);
  if (name !== undefined && !STAGE.test(name))
    refuse('the stage name', name, 'is not a stage name', 'use lower-case letters, digits, - _ .');
  return name ? `FROM ${ref} AS ${name}` : `FROM ${ref}`;
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` can be a build arg (`ARG NAME`, `--build-arg NAME=...`). */
export function isBuildArgName(name: string): boolean {
  return ARG_NAME.test(name);
}

const PLAIN_VALUE = /^[A-Za-z0-9_@%+=:,./-]*$/;

/**
 * `ARG NAME` or `ARG NAME=default`. A default that is not plain goes in double quotes, where
 * Docker's lexer reads `\"`, `\$` and `\\` (a backslash-escaped space at the end of a line would
 * continue the line instead: quotes are the only safe way to keep whitespace).
 */
export function argLine(name: string, value?: string): string {
  if (!isBuildArgName(name))
    refuse(
      'the build arg name',
      name,
      'is not a name',
      'use letters, digits and _, not starting with a digit',
    );
  if (value === undefined) return `ARG ${name}`;
  refuseControl(`the default of ${name}`, value);
  if (PLAIN_VALUE.test(value)) return `ARG ${name}=${value}`;
  return `ARG ${name}="${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/**
 * `ENV NAME=value ...`: checked names, values escaped for Docker's lexer with whitespace kept
 * (`$` would expand an earlier variable). Literal `$NAME` references of our own (PATH=/x:$PATH)
 * are passed as `raw` and never come from a project.
 */
export function envLine(pairs: readonly (readonly [string, string])[]): string {
  const words = pairs.map(([name, value]) => {
    if (!isBuildArgName(name))
      refuse(
        'the variable name',
        name,
        'is not a name',
        'use letters, digits and _, not starting with a digit',
      );
    refuseControl(`the value of ${name}`, value);
    return `${name}=${lexerEscape(value).replace(/\s/g, (c) => `\\${c}`)}`;
  });
  return `ENV ${words.join(' ')}`;
}

/** `WORKDIR path`: absolute, escaped for Docker's lexer (it expands `$`). */
export function workdirLine(path: string): string {
  refuseControl('the working folder', path);
  if (!path.startsWith('/'))
    refuse('the working folder', path, 'is not absolute', 'give an absolute path in the image');
  return `WORKDIR ${lexerEscape(path)}`;
}

/** `EXPOSE port`: a TCP port number. */
export function exposeLine(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    refuse('the port', String(port), 'is not a TCP port', 'give a port between 1 and 65535');
  return `EXPOSE ${port}`;
}
