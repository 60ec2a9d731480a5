import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readRequirements } from '../../src/project/requirements.js';
import { logicalLines } from '../../src/project/requirements-lines.js';
import { FIXTURES, tempProject } from './temp-project.js';

async function userError(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('logicalLines (pip preprocessing)', () => {
  it('joins continuations, keeps the first line number, drops comments but not #egg', () => {
    const text = [
      '# header',
      'numpy==1.26.4 \\',
      '    --hash=sha256:aaa \\',
      '    --hash=sha256:bbb',
      'git+https://x.org/r.git#egg=r  # trailing comment',
      'a==1 \\',
      '# a comment ends a continuation',
      'b',
    ].join('\n');
    expect([...logicalLines(text)]).toEqual([
      { line: 2, text: 'numpy==1.26.4     --hash=sha256:aaa     --hash=sha256:bbb' },
      { line: 5, text: 'git+https://x.org/r.git#egg=r' },
      { line: 6, text: 'a==1' },
      { line: 8, text: 'b' },
    ]);
  });

  it('reads the physical lines as a split at line breaks does: the ends of the file included', () => {
    const read = (text: string) => [...logicalLines(text)];
    expect(read('')).toEqual([]);
    expect(read('\n\n')).toEqual([]);
    expect(read('a\r\nb\r\n')).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
    ]);
    // A continuation the file ends in, after its last line break or without one.
    expect(read('a \\\n')).toEqual([{ line: 1, text: 'a' }]);
    expect(read('p \\\n# c\nq \\')).toEqual([
      { line: 1, text: 'p' },
      { line: 3, text: 'q' },
    ]);
  });
});

describe('readRequirements', () => {
  it('reads the req-includes fixture: includes, constraints, editable, VCS, URL, markers, hashes, index options', async () => {
    const root = path.join(FIXTURES, 'req-includes');
    const r = await readRequirements(root, 'requirements.txt');
    const byName = new Map(r.dependencies.map((d) => [d.name, d]));
    expect([...byName.keys()]).toEqual([
      'python-dateutil',
      'six',
      'django',
      'psycopg2-binary',
      'shared-utils',
      'fancylib',
      'pyjwt',
      'tinywheel',
      'requests',
      'uvloop',
      'numpy',
    ]);
    expect(byName.get('six')?.source).toEqual({ file: 'requirements/common.txt', line: 2 });
    expect(byName.get('django')).toMatchObject({
      specifier: '>=4.2,<5.0',
      source: { file: 'requirements/base.txt', line: 3 },
    });
    expect(byName.get('shared-utils')).toMatchObject({ localPath: 'libs/shared-utils', editable: true });
    expect(byName.get('fancylib')?.vcsUrl).toBe(
      'git+https://github.com/example/fancylib.git@v1.2.0#egg=fancylib',
    );
    expect(byName.get('pyjwt')?.vcsUrl).toBe('git+https://github.com/jpadilla/pyjwt.git@2.8.0');
    expect(byName.get('tinywheel')?.url).toBe('https://files.example.com/tinywheel-0.1.0-py3-none-any.whl');
    expect(byName.get('requests')).toMatchObject({
      extras: ['socks', 'security'],
      specifier: '>=2.31',
      marker: 'python_version >= "3.8"',
      source: { file: 'requirements.txt', line: 18 },
    });
    expect(byName.get('uvloop')?.marker).toBe(
      'sys_platform != "win32" and platform_python_implementation == "CPython"',
    );
    // The hashes stay out of the specifier; the line is where the requirement starts.
    expect(byName.get('numpy')).toMatchObject({
      specifier: '==1.26.4',
      source: { file: 'requirements.txt', line: 20 },
    });
    // Constraints pin but do not add: urllib3 is only in constraints.txt.
    expect(byName.has('urllib3')).toBe(false);
    expect(r.pins.get('six')).toEqual({ version: '1.16.0', source: { file: 'constraints.txt', line: 1 } });
    expect(r.pins.has('urllib3')).toBe(false); // '<2' is not a pin
    expect(r.index.indexUrl).toEqual({
      value: 'https://pypi.internal.example.com/simple/',
      source: { file: 'requirements.txt', line: 2 },
    });
    expect(r.index.extraIndexUrls.map((x) => x.value)).toEqual(['https://download.pytorch.org/whl/cpu']);
    expect(r.index.findLinks).toEqual([{ value: 'wheels', source: { file: 'requirements.txt', line: 4 } }]);
    expect(r.files.map((f) => `${f.kind}:${f.path}`)).toEqual([
      'requirements:requirements.txt',
      'requirements:requirements/base.txt',
      'requirements:requirements/common.txt',
      'constraints:constraints.txt',
    ]);
  });

  it('accepts option spellings: --requirement=, -rfile, -i, --editable, file: URLs, wheel paths', async () => {
    const root = await tempProject({
      'requirements.txt': [
        '--requirement=a.txt',
        '-rb.txt',
        '-i http://127.0.0.1:8080/simple',
        '--trusted-host 127.0.0.1',
        '--editable ".[web]"',
        'file:./vendor/pkg-src#egg=pkg-src',
        './dist/mywheel-1.0-py3-none-any.whl',
        'vendor/tool-2.1.tar.gz ; python_version >= "3.9"',
        '--no-index',
      ].join('\n'),
      'a.txt': 'attrs\n',
      'b.txt': 'click>=8\n',
    });
    const r = await readRequirements(root, 'requirements.txt');
    expect(r.dependencies.map((d) => [d.name, d.localPath ?? '', d.extras.join(','), d.marker])).toEqual([
      ['attrs', '', '', ''],
      ['click', '', '', ''],
      [
        path
          .basename(root)
          .toLowerCase()
          .replace(/[-_.]+/g, '-'),
        '.',
        'web',
        '',
      ],
      ['pkg-src', 'vendor/pkg-src', '', ''],
      ['mywheel', 'dist/mywheel-1.0-py3-none-any.whl', '', ''],
      ['tool', 'vendor/tool-2.1.tar.gz', '', 'python_version >= "3.9"'],
    ]);
    expect(r.index.indexUrl?.value).toBe('http://127.0.0.1:8080/simple');
    expect(r.index.trustedHosts?.map((t) => t.value)).toEqual(['127.0.0.1']);
    expect(r.index.noIndex).toEqual({ file: 'requirements.txt', line: 9 });
  });

  it('reads a requirement the same with single blanks, runs of blanks and tabs, and options after it', async () => {
    const root = await tempProject({
      'requirements.txt': [
        'flask >=2.0, <3 ; python_version >= "3.8"',
        'Flask_Login  >=0.6,\t<1  ;  python_version  >=  "3.8"',
        'flask-wtf>=1.0 ; python_version >= "3.8" --hash=sha256:abc',
        'itsdangerous ; python_version >= "3.8"\t--hash sha256:def',
      ].join('\n'),
    });
    const r = await readRequirements(root, 'requirements.txt');
    expect(r.dependencies.map((d) => [d.name, d.specifier, d.marker])).toEqual([
      ['flask', '>=2.0,<3', 'python_version >= "3.8"'],
      ['flask-login', '>=0.6,<1', 'python_version >= "3.8"'],
      ['flask-wtf', '>=1.0', 'python_version >= "3.8"'],
      ['itsdangerous', '', 'python_version >= "3.8"'],
    ]);
  });

  it('reports an include cycle with the chain, at the including line', async () => {
    const root = await tempProject({
      'requirements.txt': 'flask\n-r dev.txt\n',
      'dev.txt': '# dev\n-r requirements.txt\n',
    });
    const e = await userError(readRequirements(root, 'requirements.txt'));
    expect(e.message).toContain('requirements.txt → dev.txt → requirements.txt');
    expect(e.where).toEqual({ file: 'dev.txt', line: 2 });
  });

  it('reports a missing included file at the including line', async () => {
    const root = await tempProject({ 'requirements.txt': 'flask\n\n-c constraints/prod.txt\n' });
    const e = await userError(readRequirements(root, 'requirements.txt'));
    expect(e.message).toContain('constraints/prod.txt does not exist');
    expect(e.where).toEqual({ file: 'requirements.txt', line: 3 });
  });

  it('includes are relative to the including file', async () => {
    const root = await tempProject({
      'requirements.txt': '-r reqs/prod.txt\n',
      'reqs/prod.txt': '-r ./base.txt\ngunicorn\n',
      'reqs/base.txt': 'flask\n',
    });
    const r = await readRequirements(root, 'requirements.txt');
    expect(r.dependencies.map((d) => `${d.name}@${d.source.file}:${d.source.line}`)).toEqual([
      'flask@reqs/base.txt:1',
      'gunicorn@reqs/prod.txt:2',
    ]);
  });

  it.each([
    ['flask>=', 1, 'cannot read requirement'],
    ['ok==1\n--frobnicate\n', 2, "unknown option '--frobnicate'"],
    ['flask --index-url https://x\n', 1, 'cannot follow a requirement'],
    ['-r\n', 1, 'needs a value'],
    ['--hash=sha256:abc\n', 1, 'must follow a requirement'],
    ['-e https://example.com/x.whl\n', 1, '-e needs a local path'],
    ['-r https://example.com/req.txt\n', 1, 'from a URL is not supported'],
    ['git+https://example.com/\n', 1, 'cannot tell the package name'],
  ])('rejects %j at line %i', async (text, line, msg) => {
    const root = await tempProject({ 'requirements.txt': text });
    const e = await userError(readRequirements(root, 'requirements.txt'));
    expect(e.message).toContain(msg);
    expect(e.where).toEqual({ file: 'requirements.txt', line });
    expect(e.hint.length).toBeGreaterThan(5);
  });

  it('warns about local paths outside the project', async () => {
    const root = await tempProject({ 'app/requirements.txt': '-e ../sibling\n', 'sibling/setup.py': '' });
    const r = await readRequirements(path.join(root, 'app'), 'requirements.txt');
    expect(r.dependencies[0]?.localPath).toBe(path.join(root, 'sibling'));
    expect(r.warnings[0]?.message).toContain('outside the project');
  });

  it('stops runaway diamond includes', async () => {
    const files: Record<string, string> = { 'l9.txt': 'six\n' };
    for (let i = 0; i < 9; i++) files[`l${i}.txt`] = `-r l${i + 1}.txt\n-r l${i + 1}.txt\n`;
    const root = await tempProject({ ...files, 'requirements.txt': '-r l0.txt\n' });
    const e = await userError(readRequirements(root, 'requirements.txt'));
    expect(e.message).toContain('more than 200 times');
  });

  it('drops exact duplicates from diamond includes', async () => {
    const root = await tempProject({
      'requirements.txt': '-r a.txt\n-r b.txt\n',
      'a.txt': '-r common.txt\n',
      'b.txt': '-r common.txt\n',
      'common.txt': 'six==1.16.0\n',
    });
    const r = await readRequirements(root, 'requirements.txt');
    expect(r.dependencies.map((d) => d.name)).toEqual(['six']);
  });
});
