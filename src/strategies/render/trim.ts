import type { Options } from '../types.js';

/**
 * Third-party test suites are removed by folder name `tests` only. Folders a package imports at
 * run time are named differently and are never touched: numpy/testing, pandas/_testing,
 * torch/testing, sympy/testing. The smoke test checks the result.
 */
export const RUNTIME_TEST_PACKAGES = ['numpy/testing', 'pandas/_testing', 'torch/testing', 'sympy/testing'];

/** The packaging tools a runtime venv does not need — unless a dependency requires them. */
const TOOLS = ['wheel', 'setuptools', 'pip'];

export interface TrimTarget {
  /** Folder to trim ('/opt/venv', '/opt/pyuser', '"$SITE"'). */
  dir: string;
  /** The venv's python, when pip/setuptools/wheel may be removed from it. */
  venvPython?: string;
  /** binutils is there: strip the shared objects. */
  strip: boolean;
  /** Remove __pycache__ folders (unless bytecode 'all': 'imports' compiles its own in the runtime). */
  pycache: boolean;
}

/**
 * pip, setuptools and wheel go unless an installed distribution lists them in Required-by (old
 * gunicorn needs pkg_resources) or the project names them itself.
 */
function removeTools(python: string, keep: Set<string>): string[] {
  const tools = TOOLS.filter((t) => !keep.has(t));
  const loop = [
    `for pkg in ${tools.join(' ')}; do \\`,
    `            if ${python} -m pip show "$pkg" >/tmp/pkg-info 2>/dev/null \\`,
    `                && grep -q '^Required-by: *$' /tmp/pkg-info; then \\`,
    `                ${python} -m pip uninstall -y -q "$pkg"; \\`,
    '            fi; \\',
    '        done',
  ].join('\n');
  return [loop, 'rm -f /tmp/pkg-info'];
}

/** Commands (for one RUN) that trim an installed tree. */
export function trimCommands(t: TrimTarget, keepTools: Set<string>): string[] {
  const cmds: string[] = [];
  if (t.venvPython && TOOLS.some((x) => !keepTools.has(x)))
    cmds.push(...removeTools(t.venvPython, keepTools));
  cmds.push(`find ${t.dir} -type d -name tests -prune -exec rm -rf {} +`);
  if (t.pycache) cmds.push(`find ${t.dir} -type d -name __pycache__ -prune -exec rm -rf {} +`);
  if (t.strip) {
    // Debug symbols are dead weight at run time. Libraries that auditwheel grafted into *.libs/ are
    // left alone (patchelf-edited files and strip do not always agree); strip skips what it cannot parse.
    cmds.push(
      `{ find ${t.dir} -type f \\( -name '*.so' -o -name '*.so.*' \\) -not -path '*.libs/*' -exec strip --strip-unneeded {} + || true; }`,
    );
  }
  return cmds;
}

/** Which trims to run for a builder-side tree under these options. */
export function builderTrim(options: Options, dir: string, venvPython?: string): TrimTarget {
  return { dir, ...(venvPython ? { venvPython } : {}), strip: true, pycache: options.bytecode !== 'all' };
}
