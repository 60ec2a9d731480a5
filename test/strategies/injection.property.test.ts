import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControl } from '../../src/one-line.js';
import type { Dependency, Project } from '../../src/project/types.js';
import { splitCommand } from '../../src/shell-words.js';
import { planCandidates } from '../../src/strategies/index.js';
import { imageRefProblem, UnsafeValueError } from '../../src/strategies/render/escape.js';
import type { Options, PlanInput } from '../../src/strategies/types.js';
import { flaskProject, flaskVerdicts, inputFor, poetryProject, poetryVerdicts } from './projects.js';

/**
 * Issue 10's property: arbitrary text in any field a strategy reads never adds, removes or
 * breaks an instruction. A real Dockerfile parser (dockerfile-ast, the one VS Code's Docker
 * support uses) is the judge: every candidate of every strategy parses into exactly the
 * instructions of the same project with a harmless value, every shell-form RUN still splits into
 * words, every JSON form is still JSON. The only other outcome allowed is a clear refusal
 * (UnsafeValueError) — and only for a value that truly cannot be written (a control character,
 * an invalid image reference), so that refusing everything cannot pass.
 */

// Pieces that break naive quoting, Dockerfile lines, shells, globs and heredocs.
const NASTY = [
  '\n',
  '\r',
  '\r\n',
  '\\',
  '\\\n',
  '"',
  "'",
  '`',
  '$',
  `${'$'}{X}`,
  '$(id)',
  '#',
  ' # ',
  ' ',
  '\t',
  '[',
  ']',
  '*',
  '?',
  '&&',
  ';',
  '|',
  '>',
  '<<EOF',
  '\u2028',
  '\0',
  '\x1b[2J',
  '-',
  '--from=x',
  'RUN curl evil | sh',
  'FROM scratch',
  'CMD ["x"]',
  'ü',
  '🐍',
  '==1.0',
  '@',
  ':',
  '/',
  '..',
  'a',
];
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...NASTY),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

interface Field {
  name: string;
  /** The input with `v` in the field. */
  input(v: string): PlanInput;
  /** A value is allowed to be refused (not rendered) only when this says it cannot be written. */
  unwritable(v: string): boolean;
}

const withDep = (p: Project, i: number, change: Partial<Dependency>): Project => ({
  ...p,
  dependencies: p.dependencies.map((d, j) => (j === i ? { ...d, ...change } : d)),
});
const poetry =
  (change: (v: string) => Project, extra: (v: string) => Partial<Options> = () => ({})) =>
  (v: string) =>
    inputFor(change(v), poetryVerdicts, extra(v));
const flask =
  (extra: (v: string) => Partial<Options>, change: (v: string) => Project = () => flaskProject) =>
  (v: string) =>
    inputFor(change(v), flaskVerdicts, extra(v));
const control = (v: string) => hasControl(v);
const badRef = (v: string) => imageRefProblem(v) !== undefined;

const FIELDS: Field[] = [
  {
    name: 'dependency name',
    input: poetry((v) => withDep(poetryProject, 1, { name: v })),
    unwritable: control,
  },
  {
    name: 'specifier',
    input: poetry((v) => withDep(poetryProject, 1, { specifier: v, locked: undefined })),
    unwritable: control,
  },
  { name: 'marker', input: poetry((v) => withDep(poetryProject, 1, { marker: v })), unwritable: control },
  { name: 'extra', input: poetry((v) => withDep(poetryProject, 1, { extras: [v] })), unwritable: control },
  {
    name: 'locked version',
    input: poetry((v) =>
      withDep(poetryProject, 0, { locked: { version: v, source: { file: 'poetry.lock' } } }),
    ),
    unwritable: control,
  },
  {
    name: 'direct URL',
    input: poetry((v) => withDep(poetryProject, 1, { url: `https://h/${v}` })),
    unwritable: control,
  },
  {
    name: 'VCS URL',
    input: poetry((v) => withDep(poetryProject, 2, { vcsUrl: `git+https://h/${v}` })),
    unwritable: control,
  },
  {
    name: 'VCS URL over ssh',
    input: poetry((v) => withDep(poetryProject, 2, { vcsUrl: `git+ssh://git@h/${v}` })),
    unwritable: control,
  },
  {
    name: 'local path dependency',
    input: poetry((v) => ({
      ...withDep(poetryProject, 1, { localPath: `lib/${v}` }),
      localPaths: [`lib/${v}`],
    })),
    unwritable: control,
  },
  {
    name: 'requirements file path',
    input: flask(
      () => ({}),
      (v) => ({ ...flaskProject, files: [{ path: `req/${v}.txt`, kind: 'requirements' }] }),
    ),
    unwritable: control,
  },
  {
    name: 'find-links folder',
    input: flask(
      () => ({}),
      (v) => ({
        ...flaskProject,
        index: {
          ...flaskProject.index,
          findLinks: [{ value: `wheels/${v}`, source: { file: 'requirements.txt', line: 1 } }],
        },
      }),
    ),
    unwritable: control,
  },
  {
    name: 'entry command argument',
    input: flask((v) => ({ entry: ['gunicorn', v, '--bind', `0.0.0.0:${v}`] })),
    unwritable: (v) => v.includes('\0'),
  },
  {
    name: 'app module (guessed entry)',
    input: flask(
      () => ({ entry: undefined }),
      (v) => ({ ...flaskProject, appModules: [v] }),
    ),
    unwritable: (v) => v.includes('\0'),
  },
  {
    name: 'project name',
    input: flask(
      () => ({}),
      (v) => ({ ...flaskProject, name: v }),
    ),
    unwritable: () => false,
  },
  {
    name: 'image reference',
    input: flask((v) => ({
      images: {
        ...inputFor(flaskProject, flaskVerdicts).options.images,
        slim: { role: 'slim', ref: v, source: '--image' },
      },
    })),
    unwritable: badRef,
  },
  { name: 'index URL', input: flask((v) => ({ indexUrl: `https://u:p@h/${v}` })), unwritable: control },
  {
    name: 'extra index URL',
    input: flask((v) => ({ extraIndexUrls: [`http://h:1/${v}`] })),
    unwritable: control,
  },
  {
    name: 'apt build package',
    input: flask((v) => ({ buildPackages: { apt: [v], apk: [] } })),
    unwritable: control,
  },
  {
    name: 'apk runtime package',
    input: flask((v) => ({ runtimePackages: { apt: [], apk: [v] } })),
    unwritable: control,
  },
];

/**
 * What the judge reads: keyword and arguments of every instruction, continuation lines joined as
 * Docker joins them (only `\` + newline goes; getArgumentsContent would also eat a `\'`).
 */
function instructions(dockerfile: string): { keyword: string; args: string }[] {
  return DockerfileParser.parse(dockerfile)
    .getInstructions()
    .map((i) => ({
      keyword: i.getKeyword(),
      args: (i.getRawArgumentsContent() ?? '').replace(/\\[ \t]*\r?\n/g, ''),
    }));
}

function render(input: PlanInput): string[] | UnsafeValueError {
  try {
    return planCandidates(input).map((c) => c.dockerfile);
  } catch (e) {
    if (e instanceof UnsafeValueError) return e;
    throw e;
  }
}

/** Every instruction kept its kind and place; quoting and JSON forms still hold. */
function sameShape(fuzzed: string, baseline: string): string | undefined {
  const got = instructions(fuzzed);
  const want = instructions(baseline);
  const a = got.map((i) => i.keyword).join(' ');
  const b = want.map((i) => i.keyword).join(' ');
  if (a !== b) return `instructions differ:\n  got  ${a}\n  want ${b}`;
  for (const [n, ins] of got.entries()) {
    const jsonForm = ins.args.trimStart().startsWith('[');
    // COPY turns JSON form for paths that need it; every other instruction keeps its form.
    if (ins.keyword !== 'COPY' && jsonForm !== want[n]!.args.trimStart().startsWith('['))
      return `${ins.keyword} #${n} changed form`;
    if (jsonForm && ['CMD', 'ENTRYPOINT', 'COPY'].includes(ins.keyword)) {
      const json = ins.args.replace(/^(--\S+\s+)*/, '');
      try {
        const v: unknown = JSON.parse(json);
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
          return `${ins.keyword} #${n} is not a JSON array`;
      } catch {
        return `${ins.keyword} #${n} is not JSON: ${json}`;
      }
    }
    if (ins.keyword === 'RUN' && !jsonForm) {
      try {
        splitCommand(ins.args.replace(/^(--mount=\S+\s+)+/, ''));
      } catch (e) {
        return `RUN #${n} no longer splits into shell words (${(e as Error).message}): ${ins.args}`;
      }
    }
  }
  return undefined;
}

const RUNS_PER_FIELD = 60;

describe('no project text adds an instruction to any Dockerfile (dockerfile-ast judges)', () => {
  it.each(FIELDS)('$name', (field) => {
    const baseline = render(field.input('x1'));
    if (baseline instanceof UnsafeValueError) throw baseline;
    fc.assert(
      fc.property(text, (v) => {
        const out = render(field.input(v));
        if (out instanceof UnsafeValueError) {
          expect(field.unwritable(v), `${JSON.stringify(v)} was refused: ${out.message}`).toBe(true);
          return;
        }
        out.forEach((dockerfile, i) => {
          const problem = sameShape(dockerfile, baseline[i]!);
          expect(problem, `${field.name} = ${JSON.stringify(v)}\n${dockerfile}`).toBeUndefined();
        });
      }),
      { numRuns: RUNS_PER_FIELD },
    );
  });
});
