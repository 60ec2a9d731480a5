import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import { defaultOptions, planCandidates, resolveImages } from '../../src/strategies/index.js';
import { renderLock } from '../../src/strategies/render/lock-install.js';
import type { Candidate } from '../../src/strategies/types.js';
import { FIXTURES } from '../project/temp-project.js';

async function plan(fixture: string): Promise<Candidate[]> {
  const project = await scanProject(path.join(FIXTURES, fixture), { python: '3.11' });
  return planCandidates({
    project,
    verdicts: [],
    options: defaultOptions(project, [], resolveImages('3.11')),
  });
}

describe('a lock rendered for pip', () => {
  it('poetry.lock: slim-py.lock.txt with every package and its hash, installed with --no-deps --require-hashes', async () => {
    const cs = await plan('e2e-locked');
    for (const c of cs) {
      expect(Object.keys(c.files ?? {}), c.id).toEqual(['slim-py.lock.txt']);
      expect(c.dockerfile, c.id).toMatch(/COPY slim-py\.lock\.txt \.\//);
      expect(c.dockerfile, c.id).toMatch(
        /pip (install|wheel) [^\n]*\\\n\s+--no-deps \\\n\s+--require-hashes \\\n\s+--requirement=slim-py\.lock\.txt/,
      );
    }
    const text = cs[0]!.files!['slim-py.lock.txt']!;
    expect(text.split('\n').filter((l) => /^[a-z]/.test(l))).toEqual([
      'blinker==1.9.0 \\',
      'click==8.5.0 \\',
      'flask==3.1.3 \\',
      'gunicorn==26.2.0 \\',
      'itsdangerous==2.2.0 \\',
      'jinja2==3.1.6 \\',
      'markupsafe==3.0.3 \\',
      'werkzeug==3.1.9 \\',
    ]);
    expect(text).toContain(
      '    --hash=sha256:f4bcbefc124291925f1a26446da31a5178f9483862233b23c0c96a20701f670c',
    );
    expect(text).toMatch(/^# Written by slim-py from poetry\.lock/);
    expect(text).not.toContain('pytest');
  });

  it('uv workspace: the member is copied and installed from its folder, after the hashed ones', async () => {
    const venv = (await plan('e2e-uv-workspace')).find((c) => c.id === 'multistage-venv')!.dockerfile;
    expect(venv).toContain('COPY packages/core packages/core');
    expect(venv).toMatch(
      /--requirement=slim-py\.lock\.txt \\\n\s+&& \/opt\/venv\/bin\/python -m pip install [^\n]*\\\n\s+--no-deps \\\n\s+\.\/packages\/core/,
    );
  });

  const node = (over: object) => ({
    name: 'web',
    version: '2.0',
    source: { file: 'uv.lock', line: 3 },
    hashes: [`sha256:${'a'.repeat(64)}`],
    origin: { kind: 'index' as const },
    deps: [],
    extras: {},
    ...over,
  });

  it('VCS at the locked commit; one package without hashes turns hash checking off for all', () => {
    const r = renderLock(
      {
        file: 'uv.lock',
        missing: [],
        packages: [
          { node: node({}), marker: '' },
          { node: node({ name: 'nohash', hashes: [] }), marker: "platform_machine == 'x86_64'" },
          {
            node: node({
              name: 'tool',
              origin: { kind: 'vcs', url: 'https://github.com/a/tool', commit: 'abcdef1234567' },
            }),
            marker: '',
          },
        ],
      },
      'uv export',
    );
    expect(r.hashed).toBe(false);
    expect(r.text).toContain("nohash==2.0 ; platform_machine == 'x86_64'");
    expect(r.text).not.toContain('--hash');
    expect(r.also).toEqual(['--no-deps', "'tool @ git+https://github.com/a/tool@abcdef1234567'"]);
  });

  it('what a lock says is data: a marker that would smuggle a pip option is refused at its line', () => {
    expect(() =>
      renderLock(
        {
          file: 'uv.lock',
          missing: [],
          packages: [{ node: node({}), marker: 'os_name == "x --index-url=http://evil"' }],
        },
        '',
      ),
    ).toThrow(/web's marker .* cannot be written as a pip requirement/);
    expect(() =>
      renderLock(
        { file: 'uv.lock', missing: [], packages: [{ node: node({ version: '1.0 --pre' }), marker: '' }] },
        '',
      ),
    ).toThrow(/version/);
  });
});
