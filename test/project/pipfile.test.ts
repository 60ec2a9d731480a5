import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parsePipfile } from '../../src/project/pipfile.js';
import { FIXTURES } from './temp-project.js';

describe('parsePipfile', () => {
  it('reads the pipfile-app fixture', async () => {
    const p = parsePipfile(await readFile(path.join(FIXTURES, 'pipfile-app/Pipfile'), 'utf8'));
    expect(p.dependencies.map((d) => [d.name, d.specifier, d.extras, d.marker, d.source.line])).toEqual([
      ['requests', '==2.31.0', [], '', 7],
      ['lxml', '', [], '', 8],
      ['pillow', '>=10.2', [], "platform_machine == 'x86_64'", 9],
      ['celery', '~=5.3', ['redis'], '', 10],
    ]);
    expect(p.groups.map((d) => `${d.group}:${d.name}:${d.source.line}`)).toEqual(['dev:pytest:13']);
    expect(p.python).toEqual({ value: '3.10', source: { file: 'Pipfile', line: 16 } });
    // PyPI as the first source is the default: nothing to record.
    expect(p.index.indexUrl).toBeUndefined();
  });

  it('reads private sources, marker keys, git, path and editable entries', () => {
    const p = parsePipfile(`[[source]]
url = "https://nexus.example.com/repository/pypi/simple"
name = "nexus"

[[source]]
url = "https://pypi.org/simple"
name = "pypi"

[packages]
pywin32 = {version = "*", sys_platform = "== 'win32'"}
gunicorn = {version = "*", os_name = "posix"}
mylib = {path = "./libs/mylib", editable = true}
tool = {git = "https://github.com/example/tool.git", ref = "v1.0"}
six = "1.16.0"
`);
    expect(p.index.indexUrl).toEqual({
      value: 'https://nexus.example.com/repository/pypi/simple',
      source: { file: 'Pipfile', line: 2 },
    });
    expect(p.index.extraIndexUrls.map((x) => x.value)).toEqual(['https://pypi.org/simple']);
    const by = new Map(p.dependencies.map((d) => [d.name, d]));
    expect(by.get('pywin32')?.marker).toBe("sys_platform == 'win32'");
    expect(by.get('gunicorn')?.marker).toBe('os_name == "posix"');
    expect(by.get('mylib')).toMatchObject({ localPath: './libs/mylib', editable: true });
    expect(by.get('tool')?.vcsUrl).toBe('git+https://github.com/example/tool.git@v1.0');
    expect(by.get('six')?.specifier).toBe('==1.16.0');
  });

  it('rejects bad versions at their line', () => {
    try {
      parsePipfile('[packages]\nrequests = "*"\nflask = ">=>1"\n');
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).where).toEqual({ file: 'Pipfile', line: 3 });
    }
  });
});
