import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import { tempProject } from './temp-project.js';

const H = (c: string) => `sha256:${c.repeat(64)}`;
const reg = 'source = { registry = "https://pypi.org/simple" }';
const wheel = (c: string) => `wheels = [{ url = "https://x/${c}.whl", hash = "${H(c)}" }]`;

const UV_LOCK = `version = 1
requires-python = ">=3.11"

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [{ name = "web", extra = ["fast"] }, { name = "tool" }]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "web"
version = "2.0"
${reg}
dependencies = [
    { name = "old-backport", marker = "python_version < '3.10'" },
    { name = "armonly", marker = "platform_machine == 'aarch64'" },
    { name = "core" },
]
${wheel('a')}

[package.optional-dependencies]
fast = [{ name = "speedups" }]

[[package]]
name = "core"
version = "1.0"
resolution-markers = ["python_full_version < '3.11'"]
${reg}
${wheel('b')}

[[package]]
name = "core"
version = "1.5"
resolution-markers = ["python_full_version >= '3.11'"]
${reg}
${wheel('c')}

[[package]]
name = "speedups"
version = "0.3"
${reg}
${wheel('d')}

[[package]]
name = "armonly"
version = "1"
${reg}
${wheel('e')}

[[package]]
name = "old-backport"
version = "1"
${reg}
${wheel('f')}

[[package]]
name = "tool"
version = "0.9"
source = { git = "https://github.com/acme/tool?rev=main#0123456789abcdef0123456789abcdef01234567" }

[[package]]
name = "pytest"
version = "8.3"
${reg}
${wheel('9')}
`;

const PYPROJECT =
  '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = ["web[fast]", "tool"]\n[dependency-groups]\ndev = ["pytest"]\n[tool.uv.sources]\ntool = { git = "https://github.com/acme/tool", rev = "main" }\n';

const installed = (p: Awaited<ReturnType<typeof scanProject>>) =>
  Object.fromEntries(
    (p.lock?.packages ?? []).map((x) => [
      x.node.name,
      `${x.node.version}${x.marker ? ` ; ${x.marker}` : ''}`,
    ]),
  );

describe('a lock is honoured completely: every package it pins for production, transitive ones too', () => {
  it('uv.lock: the graph from the project, extras followed, dev out, false markers pruned, forks picked', async () => {
    const p = await scanProject(await tempProject({ 'pyproject.toml': PYPROJECT, 'uv.lock': UV_LOCK }), {
      python: '3.11',
    });
    expect(installed(p)).toEqual({
      web: '2.0',
      tool: '0.9',
      // the architecture is pip's to decide: the marker stays on the line
      armonly: "1 ; platform_machine == 'aarch64'",
      core: '1.5',
      speedups: '0.3',
    });
    expect(p.lock?.packages.find((x) => x.node.name === 'tool')?.node.origin).toEqual({
      kind: 'vcs',
      url: 'https://github.com/acme/tool',
      commit: '0123456789abcdef0123456789abcdef01234567',
    });
    expect(p.lock?.packages.find((x) => x.node.name === 'web')?.node).toMatchObject({
      hashes: [H('a')],
      source: { file: 'uv.lock', line: 14 },
    });
    expect(p.lock?.missing).toEqual([]);
  });

  it('--group dev brings the dev group in', async () => {
    const p = await scanProject(await tempProject({ 'pyproject.toml': PYPROJECT, 'uv.lock': UV_LOCK }), {
      python: '3.11',
      groups: ['dev'],
    });
    expect(installed(p).pytest).toBe('8.3');
  });

  it('a package an edge needs but the lock does not pin is said', async () => {
    const lock = UV_LOCK.replace(/\[\[package\]\]\nname = "speedups"[\s\S]*?\n\n/, '');
    const p = await scanProject(await tempProject({ 'pyproject.toml': PYPROJECT, 'uv.lock': lock }), {
      python: '3.11',
    });
    expect(p.lock?.missing).toEqual([{ name: 'speedups', neededBy: 'web' }]);
    expect(p.warnings.map((w) => w.message)).toContain(
      'uv.lock does not pin speedups (needed by web): pip resolves it, so the install is not fully locked',
    );
  });

  it('poetry.lock: dependencies with markers and extras, a git source at its resolved commit', async () => {
    const poetryLock = `[[package]]
name = "web"
version = "2.0"
optional = false
files = [{file = "web-2.0.whl", hash = "${H('a')}"}]

[package.dependencies]
core = ">=1"
winonly = {version = "*", markers = "sys_platform == \\"win32\\""}
speedups = {version = "*", optional = true}

[package.extras]
fast = ["speedups (>=0.3)"]

[[package]]
name = "core"
version = "1.5"
optional = false
files = [{file = "core-1.5.whl", hash = "${H('c')}"}]

[[package]]
name = "speedups"
version = "0.3"
optional = true
files = []

[[package]]
name = "winonly"
version = "1"
optional = false
files = []

[[package]]
name = "tool"
version = "0.9"
optional = false
files = []

[package.source]
type = "git"
url = "https://github.com/acme/tool.git"
reference = "main"
resolved_reference = "89abcdef0123456789abcdef0123456789abcdef"
`;
    const p = await scanProject(
      await tempProject({
        'pyproject.toml':
          '[tool.poetry]\nname = "x"\npackage-mode = false\n[tool.poetry.dependencies]\npython = "^3.11"\nweb = {version = "*", extras = ["fast"]}\ntool = {git = "https://github.com/acme/tool.git"}\n',
        'poetry.lock': poetryLock,
      }),
      { python: '3.11' },
    );
    expect(installed(p)).toEqual({ web: '2.0', core: '1.5', speedups: '0.3', tool: '0.9' });
    expect(p.lock?.packages.find((x) => x.node.name === 'tool')?.node.origin).toMatchObject({
      kind: 'vcs',
      commit: '89abcdef0123456789abcdef0123456789abcdef',
    });
  });

  it('Pipfile.lock: the default section (develop only with --group dev), git at its ref', async () => {
    const lock = JSON.stringify(
      {
        _meta: {},
        default: {
          flask: { version: '==3.1.3', hashes: [H('a')] },
          tool: { git: 'https://github.com/acme/tool.git', ref: '0123456789abcdef0123456789abcdef01234567' },
        },
        develop: { pytest: { version: '==8.3.0', hashes: [H('b')] } },
      },
      null,
      4,
    );
    const files = {
      Pipfile: '[packages]\nflask = "*"\n[dev-packages]\npytest = "*"\n',
      'Pipfile.lock': lock,
    };
    const p = await scanProject(await tempProject(files), { python: '3.11' });
    expect(installed(p)).toEqual({ flask: '3.1.3', tool: '' });
    const dev = await scanProject(await tempProject(files), { python: '3.11', groups: ['dev'] });
    expect(installed(dev)).toMatchObject({ pytest: '8.3.0' });
  });

  it('Pipfile with [project] dependencies: both are the app’s', async () => {
    const p = await scanProject(
      await tempProject({
        Pipfile: '[packages]\nflask = "*"\n',
        'pyproject.toml': '[project]\nname = "x"\ndependencies = ["gunicorn"]\n',
      }),
    );
    expect(p.dependencies.map((d) => d.name)).toEqual(['flask', 'gunicorn']);
  });
});
