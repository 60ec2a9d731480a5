import { readdir } from 'node:fs/promises';
import path from 'node:path';

// Folders that are never the app's own importable code.
const SKIP_DIRS = new Set([
  'tests',
  'test',
  'testing',
  'docs',
  'doc',
  'examples',
  'scripts',
  'venv',
  'env',
  'node_modules',
  'build',
  'dist',
  'site-packages',
  '__pycache__',
  'migrations',
]);
// Root modules that are tooling, not the app (setup.py even runs setup() when imported).
const SKIP_FILES = new Set(['setup.py', 'conftest.py', 'noxfile.py', 'fabfile.py', 'manage.py', 'tasks.py']);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Top-level importable names of the app's own code: packages (dirs with __init__.py) and
 * modules in its import root (root-relative). Sorted.
 */
export async function findAppModules(root: string, importRoot = '.'): Promise<string[]> {
  return (await modulesIn(path.join(root, importRoot))).sort();
}

/** Packages and modules directly in `dir`, tooling and tests left out. */
export async function modulesIn(dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) {
      if (!IDENTIFIER.test(e.name) || SKIP_DIRS.has(e.name)) continue;
      const init = await readdir(path.join(dir, e.name)).catch(() => [] as string[]);
      if (init.includes('__init__.py')) out.push(e.name);
    } else if (e.isFile() && e.name.endsWith('.py')) {
      const mod = e.name.slice(0, -3);
      if (!IDENTIFIER.test(mod) || SKIP_FILES.has(e.name) || /^test_|_test$/.test(mod)) continue;
      out.push(mod);
    }
  }
  return out;
}
