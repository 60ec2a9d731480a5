import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Source } from '../errors.js';
import { modulesIn } from './app-modules.js';
import type { BuildInfo } from './pyproject-build.js';
import { isDirectory, isFile, readText } from './read-text.js';
import type { ImportRoot } from './types.js';

type Warnings = { message: string; source?: Source }[];

export interface ImportRootEvidence {
  root: string;
  build?: BuildInfo;
  setupPy: boolean;
  setupCfg: boolean;
  warnings: Warnings;
}

/**
 * Where `import app` works, as the build backend or a person would see it: a declared package
 * folder (setuptools, Poetry, Hatch, PDM, setup.cfg, setup.py), the folder of a Django
 * manage.py, a src/ layout or a src/ folder of scripts, else the project root (flat layout).
 */
export async function findImportRoot(e: ImportRootEvidence): Promise<ImportRoot> {
  const found = await find(e);
  // It becomes WORKDIR / PYTHONPATH in a Dockerfile: plain path characters only.
  if (PLAIN_PATH.test(found.path)) return found;
  e.warnings.push({
    message: `the app's folder '${found.path}' has characters a Dockerfile path should not carry; the project root is used`,
    source: found.source,
  });
  return flat();
}

const PLAIN_PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

async function find(e: ImportRootEvidence): Promise<ImportRoot> {
  const declared = e.build?.packageDir ?? (await setupDeclared(e));
  if (declared) {
    const rel = cleanRelative(declared.path);
    if (rel !== undefined && (await isDirectory(path.join(e.root, rel)))) {
      return {
        path: rel,
        source: declared.source,
        reason: `${declared.how} names ${rel === '.' ? 'the root' : `${rel}/`}`,
      };
    }
    e.warnings.push({
      message: `${declared.how} names '${declared.path}', which is not a folder in the project; looking for the code instead`,
      source: declared.source,
    });
  }
  return (await djangoRoot(e.root)) ?? (await srcRoot(e.root)) ?? flat();
}

/** A root-relative folder without `..` or an absolute start; '' and './' are the root. */
function cleanRelative(p: string): string | undefined {
  const norm = path.posix.normalize(p.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (norm === '' || norm === '.') return '.';
  if (norm.startsWith('..') || norm.startsWith('/')) return undefined;
  return norm;
}

/** `[options] package_dir = =src` in setup.cfg, or `package_dir={"": "src"}` in setup.py. */
async function setupDeclared(e: ImportRootEvidence): Promise<BuildInfo['packageDir']> {
  if (e.setupCfg) {
    const lines = (await readText(e.root, path.join(e.root, 'setup.cfg'))).split('\n');
    const i = lines.findIndex((l) => /^\s*package_dir\s*=/.test(l));
    if (i >= 0) {
      // The value may follow on the same line or on indented lines below: `=src` maps the root.
      const values = [lines[i]!.replace(/^\s*package_dir\s*=/, ''), ...lines.slice(i + 1)];
      for (const v of values) {
        if (v !== values[0] && !/^\s+\S/.test(v)) break;
        const m = /^\s*=\s*(\S+)\s*$/.exec(v);
        if (m?.[1])
          return { path: m[1], source: { file: 'setup.cfg', line: i + 1 }, how: 'setup.cfg package_dir' };
      }
    }
  }
  if (e.setupPy) {
    const lines = (await readText(e.root, path.join(e.root, 'setup.py'))).split('\n');
    for (const [i, l] of lines.entries()) {
      const m = /package_dir\s*=\s*\{\s*["']{2}\s*:\s*["']([^"']+)["']/.exec(l);
      if (m?.[1])
        return { path: m[1], source: { file: 'setup.py', line: i + 1 }, how: 'setup.py package_dir' };
    }
  }
  return undefined;
}

/** manage.py at the root, or one folder down (`backend/manage.py`, `src/manage.py`). */
async function djangoRoot(root: string): Promise<ImportRoot | undefined> {
  if (await isFile(path.join(root, 'manage.py')))
    return { path: '.', source: { file: 'manage.py' }, reason: 'Django project: manage.py at the root' };
  const dirs = (await readdir(root, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !SKIP.has(d.name))
    .map((d) => d.name)
    .sort();
  for (const d of dirs) {
    if (await isFile(path.join(root, d, 'manage.py'))) {
      return {
        path: d,
        source: { file: `${d}/manage.py` },
        reason: `Django project: ${d}/manage.py runs from ${d}/`,
      };
    }
  }
  return undefined;
}

const SKIP = new Set(['node_modules', 'venv', 'env', 'docs', 'tests', 'test', 'build', 'dist']);

/** src/ with the app's code, when the root has none of its own. */
async function srcRoot(root: string): Promise<ImportRoot | undefined> {
  const inSrc = await modulesIn(path.join(root, 'src'));
  if (inSrc.length === 0) return undefined;
  if ((await modulesIn(root)).length > 0) return undefined;
  const pkgs: string[] = [];
  for (const m of inSrc) if (await isDirectory(path.join(root, 'src', m))) pkgs.push(m);
  const files = inSrc.map((m) => (pkgs.includes(m) ? `src/${m}/` : `src/${m}.py`)).join(', ');
  return {
    path: 'src',
    source: { file: pkgs.length ? `src/${pkgs[0]}` : `src/${inSrc[0]}.py` },
    reason: pkgs.length
      ? `src/ layout: ${files}, imported from src/`
      : `src/ holds the app's modules (${files}), imported from src/`,
  };
}

function flat(): ImportRoot {
  return { path: '.', source: { file: '.' }, reason: 'flat layout: the app imports from the project root' };
}
