import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/project/scan.js';
import { defaultOptions, planCandidates, resolveImages } from '../../src/strategies/index.js';
import { tempProject } from '../project/temp-project.js';

const TORCH = 'https://download.pytorch.org/whl/cpu';

async function venv(files: Record<string, string>) {
  const project = await scanProject(await tempProject(files), { python: '3.11' });
  const options = defaultOptions(project, [], resolveImages('3.11'));
  const c = planCandidates({ project, verdicts: [], options }).find((x) => x.id === 'multistage-venv')!;
  return { project, options, c };
}

describe('index mappings are passed to the build: a package pinned to an index comes from it only', () => {
  it('[tool.uv.sources] torch = { index = "pytorch-cpu" } with an explicit [[tool.uv.index]]', async () => {
    const { project, c } = await venv({
      'pyproject.toml': `[project]\nname = "ml"\ndependencies = ["torch", "flask"]\n[[tool.uv.index]]\nname = "pytorch-cpu"\nurl = "${TORCH}"\nexplicit = true\n[tool.uv.sources]\ntorch = { index = "pytorch-cpu" }\n`,
    });
    expect(project.index.extraIndexUrls).toEqual([]); // explicit: not searched for anything else
    // No password: the ARG defaults to the URL, so a plain `docker build .` needs no build arg.
    expect(c.buildArgs).toBeUndefined();
    expect(c.dockerfile).toContain(`ARG INDEX_URL_PYTORCH_CPU=${TORCH}`);
    expect(c.dockerfile).toMatch(
      /pip install --no-cache-dir --no-compile --index-url="\$INDEX_URL_PYTORCH_CPU" torch \\\n\s+&& \/opt\/venv\/bin\/python -m pip install --no-cache-dir --no-compile flask/,
    );
  });

  it('a password in the named index is never written: the ARG has the bare URL, the netrc secret carries the login', async () => {
    const { c } = await venv({
      'pyproject.toml': `[project]\nname = "ml"\ndependencies = ["torch"]\n[[tool.uv.index]]\nname = "pytorch-cpu"\nurl = "https://u:s3cret@download.pytorch.org/whl/cpu"\nexplicit = true\n[tool.uv.sources]\ntorch = { index = "pytorch-cpu" }\n`,
    });
    expect(c.dockerfile).toContain(`ARG INDEX_URL_PYTORCH_CPU=${TORCH}`);
    expect(c.dockerfile).toContain('--mount=type=secret,id=netrc,target=/root/.netrc');
    expect(c.dockerfile).not.toContain('s3cret');
  });

  it('Poetry: torch = { source = "pytorch" } with an explicit [[tool.poetry.source]]', async () => {
    const { c } = await venv({
      'pyproject.toml': `[tool.poetry]\nname = "ml"\npackage-mode = false\n[tool.poetry.dependencies]\npython = "^3.11"\ntorch = { version = "^2.3", source = "pytorch" }\n[[tool.poetry.source]]\nname = "pytorch"\nurl = "${TORCH}"\npriority = "explicit"\n`,
    });
    expect(c.dockerfile).toContain(`ARG INDEX_URL_PYTORCH=${TORCH}`);
    expect(c.dockerfile).toContain(`--index-url="$INDEX_URL_PYTORCH" 'torch>=2.3,<3.0'`);
  });

  it('uv.lock: a package locked from that registry goes into its own hashed file, installed from its index', async () => {
    const h = (c: string) => `sha256:${c.repeat(64)}`;
    const { c } = await venv({
      'pyproject.toml': `[project]\nname = "ml"\ndependencies = ["torch", "flask"]\n[[tool.uv.index]]\nname = "pytorch-cpu"\nurl = "${TORCH}"\nexplicit = true\n[tool.uv.sources]\ntorch = { index = "pytorch-cpu" }\n`,
      'uv.lock': `version = 1\n[[package]]\nname = "ml"\nversion = "0"\nsource = { virtual = "." }\ndependencies = [{ name = "torch" }, { name = "flask" }]\n\n[[package]]\nname = "torch"\nversion = "2.5.1+cpu"\nsource = { registry = "${TORCH}" }\nwheels = [{ url = "${TORCH}/torch.whl", hash = "${h('a')}" }]\n\n[[package]]\nname = "flask"\nversion = "3.1.3"\nsource = { registry = "https://pypi.org/simple" }\nwheels = [{ url = "https://x/flask.whl", hash = "${h('b')}" }]\n`,
    });
    expect(Object.keys(c.files ?? {}).sort()).toEqual(['slim-py.lock.pytorch-cpu.txt', 'slim-py.lock.txt']);
    expect(c.files?.['slim-py.lock.pytorch-cpu.txt']).toContain(`torch==2.5.1+cpu \\\n    --hash=${h('a')}`);
    expect(c.files?.['slim-py.lock.txt']).not.toContain('torch');
    expect(c.dockerfile).toContain('--index-url="$INDEX_URL_PYTORCH_CPU"');
    expect(c.dockerfile).toContain('--requirement=slim-py.lock.pytorch-cpu.txt');
  });
});
