import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parsePipfileLock, parseTomlLock } from '../../src/project/locks.js';
import { parsePipfile } from '../../src/project/pipfile.js';
import { poetryToPep440 } from '../../src/project/poetry-spec.js';
import { parsePyproject } from '../../src/project/pyproject.js';
import { fromPythonVersionFile, fromSpecifier, parseVersionText } from '../../src/project/python-version.js';
import { parseRequirement } from '../../src/project/requirement-line.js';
import { readRequirements } from '../../src/project/requirements.js';
import { scanProject } from '../../src/project/scan.js';
import { tempProject } from './temp-project.js';

/** The property: a value or a UserError, never any other exception. */
function valueOrUserError(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof UserError) return true;
    throw e;
  }
}

async function valueOrUserErrorAsync(f: () => Promise<unknown>): Promise<boolean> {
  try {
    await f();
    return true;
  } catch (e) {
    if (e instanceof UserError) return true;
    throw e;
  }
}

const at = { file: 'f', line: 1 };

// Pieces that real requirement lines are made of, so that the fuzzer gets deep into the parser.
const TOKENS = [
  'flask',
  'Django',
  'zope.interface',
  'a_b-c',
  '[',
  ']',
  'extra',
  ',',
  '==',
  '>=',
  '<',
  '~=',
  '!=',
  '===',
  '1.0',
  '2.*',
  '3.0.0rc1',
  '(',
  ')',
  ';',
  ' ',
  '  ',
  'python_version',
  'sys_platform',
  '"3.8"',
  "'linux'",
  'and',
  'or',
  'not in',
  'in',
  '@',
  'https://example.com/x.whl',
  'git+https://github.com/o/r.git@v1',
  '#egg=r',
  '#',
  '\\',
  '\n',
  '-r',
  '-c',
  '-e',
  '--hash=sha256:abc',
  '--index-url',
  '-i',
  '--extra-index-url',
  '-f',
  './libs/x',
  'file:///tmp/x',
  '.',
  '..',
  'x.tar.gz',
  'pkg-1.0-py3-none-any.whl',
  '--no-index',
  '--pre',
  '=',
  '\t',
  '\u00e9',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: pip expands ${VAR} in requirements files
  '${VAR}',
];
const tokenLine = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((a) => a.join(''));
const tokenText = fc.array(tokenLine, { maxLength: 8 }).map((a) => a.join('\n'));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tokenText);

describe('fuzz: parsers give a value or a UserError', () => {
  it('PEP 508 requirement strings', () => {
    fc.assert(
      fc.property(fc.oneof(tokenLine, fc.string()), (s) => valueOrUserError(() => parseRequirement(s, at))),
      {
        numRuns: 1000,
      },
    );
  });

  it('requirements files (with includes resolved on disk)', async () => {
    const root = await tempProject({ 'other.txt': 'six\n' });
    const file = path.join(root, 'requirements.txt');
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        await writeFile(file, text);
        return valueOrUserErrorAsync(() => readRequirements(root, 'requirements.txt'));
      }),
      { numRuns: 400 },
    );
  });

  // Plausible TOML documents: real keys with values of arbitrary types, so that the shape checks run.
  const tomlValue = fc.oneof(
    fc.constantFrom(
      '^1.2',
      '*',
      '>=3.8',
      'flask>=1',
      '3.11',
      '',
      'x @ https://a/b.whl',
      '-e ./x',
      '~0.1',
      '||',
    ),
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.array(
      fc.oneof(fc.string(), fc.constantFrom('requests>=2', 'numpy; python_version<"3.9"'), fc.integer()),
      {
        maxLength: 3,
      },
    ),
    fc.dictionary(
      fc.constantFrom(
        'version',
        'extras',
        'markers',
        'python',
        'path',
        'git',
        'url',
        'optional',
        'develop',
        'editable',
        'file',
        'include-group',
      ),
      fc.oneof(fc.string(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 })),
      { maxKeys: 3 },
    ),
  );
  const table = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), tomlValue, { maxKeys: 4 });
  const pyprojectDoc = fc
    .record(
      {
        project: table([
          'name',
          'dependencies',
          'optional-dependencies',
          'requires-python',
          'scripts',
          'dynamic',
        ]),
        'dependency-groups': table(['dev', 'test', 'lint']),
        poetryDeps: table(['python', 'flask', 'Django', 'numpy', 'x_y']),
        poetry: table(['name', 'scripts', 'extras', 'source', 'dev-dependencies', 'group']),
        pdm: table(['dev-dependencies', 'source']),
        uv: table(['dev-dependencies', 'sources', 'index', 'index-url', 'extra-index-url', 'find-links']),
      },
      { requiredKeys: [] },
    )
    .map(({ poetryDeps, poetry, pdm, uv, ...rest }) => {
      const tool: Record<string, unknown> = {};
      if (poetry || poetryDeps)
        tool.poetry = { ...(poetry ?? {}), ...(poetryDeps ? { dependencies: poetryDeps } : {}) };
      if (pdm) tool.pdm = pdm;
      if (uv) tool.uv = uv;
      return stringify({ ...rest, ...(Object.keys(tool).length ? { tool } : {}) });
    });

  it('pyproject.toml (arbitrary text and plausible documents)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, pyprojectDoc), (s) => valueOrUserError(() => parsePyproject(s))),
      {
        numRuns: 1000,
      },
    );
  });

  const pipfileDoc = fc
    .record(
      {
        packages: table(['requests', 'flask', 'Pillow', 'a.b']),
        'dev-packages': table(['pytest']),
        requires: table(['python_version', 'python_full_version']),
        source: fc.array(table(['url', 'name', 'verify_ssl']), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((d) => stringify(d));

  it('Pipfile', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, pipfileDoc), (s) => valueOrUserError(() => parsePipfile(s))),
      {
        numRuns: 600,
      },
    );
  });

  it('lock files (TOML and Pipfile.lock JSON)', () => {
    const lockDoc = fc
      .array(table(['name', 'version', 'source']), { maxLength: 4 })
      .map((package_) => stringify({ version: 1, package: package_ }));
    fc.assert(
      fc.property(fc.oneof(anyText, lockDoc), (s) => valueOrUserError(() => parseTomlLock(s, 'uv.lock'))),
      {
        numRuns: 500,
      },
    );
    const jsonDoc = fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify({ default: v })),
    );
    fc.assert(
      fc.property(jsonDoc, (s) => valueOrUserError(() => parsePipfileLock(s))),
      { numRuns: 500 },
    );
  });

  it('python versions: .python-version, requires-python, Poetry constraints', () => {
    const versionish = fc.oneof(
      fc.string(),
      fc
        .array(
          fc.constantFrom(
            '3',
            '.',
            '1',
            '12',
            '>=',
            '<',
            '~=',
            '==',
            '!=',
            '*',
            ',',
            ' ',
            '||',
            'a',
            '^',
            '~',
            'pypy',
            '\n',
            '#',
          ),
          {
            maxLength: 10,
          },
        )
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(versionish, (s) => {
        valueOrUserError(() => parseVersionText(s, at, 'x'));
        valueOrUserError(() => fromPythonVersionFile(s, '.python-version'));
        valueOrUserError(() => fromSpecifier(s, at, 'requires-python'));
        const poetry = poetryToPep440(s);
        expect(poetry === undefined || typeof poetry === 'string').toBe(true);
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('whole projects: any mix of these files, with any content', async () => {
    const root = await tempProject({});
    const names = [
      'requirements.txt',
      'pyproject.toml',
      'Pipfile',
      'Pipfile.lock',
      'uv.lock',
      'poetry.lock',
      '.python-version',
      'runtime.txt',
      'Procfile',
      'app.py',
      'manage.py',
    ];
    const contents = fc.oneof(
      anyText,
      pyprojectDoc,
      pipfileDoc,
      tokenText,
      fc.constantFrom('3.12\n', 'web: gunicorn app:app\n', 'app = Flask(__name__)\n'),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), contents, { maxKeys: 5 }), async (files) => {
        await Promise.all(names.map((n) => rm(path.join(root, n), { force: true })));
        await Promise.all(Object.entries(files).map(([n, c]) => writeFile(path.join(root, n), c)));
        return valueOrUserErrorAsync(() => scanProject(root));
      }),
      { numRuns: 300 },
    );
  });
});
