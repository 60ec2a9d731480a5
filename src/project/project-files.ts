import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isFile } from './read-text.js';

/** Which of the files slim-py understands exist at the project root. */
export interface FoundFiles {
  /** The requirements file to read (root-relative), if any. */
  requirements?: string;
  /** Other requirements*.txt at the root (dev/test sets), not read unless included. */
  otherRequirements: string[];
  pyproject: boolean;
  pipfile: boolean;
  pipfileLock: boolean;
  uvLock: boolean;
  poetryLock: boolean;
  pdmLock: boolean;
  pythonVersion: boolean;
  runtimeTxt: boolean;
  procfile: boolean;
  setupPy: boolean;
  setupCfg: boolean;
  dockerfile: boolean;
  dockerignore: boolean;
  /** Any .py file at the root or in src/. */
  pythonCode: boolean;
}

/** Where the runtime requirements live when there is no requirements.txt at the root. */
export const REQUIREMENTS_CANDIDATES = [
  'requirements.txt',
  'requirements/production.txt',
  'requirements/prod.txt',
  'requirements/base.txt',
  'requirements/main.txt',
  'requirements/requirements.txt',
  'requirements-prod.txt',
  'requirements-production.txt',
  'requirements.in',
];

export const LOOKED_FOR =
  'requirements.txt, pyproject.toml, Pipfile, setup.py, or .py files (also requirements/prod.txt, uv.lock, poetry.lock)';

export async function findFiles(root: string): Promise<FoundFiles> {
  const has = (rel: string) => isFile(path.join(root, rel));
  let requirements: string | undefined;
  for (const c of REQUIREMENTS_CANDIDATES) {
    if (await has(c)) {
      requirements = c;
      break;
    }
  }
  const names = await readdir(root).catch(() => [] as string[]);
  const srcNames = await readdir(path.join(root, 'src')).catch(() => [] as string[]);
  const otherRequirements = names
    .filter((n) => /^requirements.*\.txt$/i.test(n) && n !== requirements)
    .sort();
  return {
    ...(requirements ? { requirements } : {}),
    otherRequirements,
    pyproject: await has('pyproject.toml'),
    pipfile: await has('Pipfile'),
    pipfileLock: await has('Pipfile.lock'),
    uvLock: await has('uv.lock'),
    poetryLock: await has('poetry.lock'),
    pdmLock: await has('pdm.lock'),
    pythonVersion: await has('.python-version'),
    runtimeTxt: await has('runtime.txt'),
    procfile: await has('Procfile'),
    setupPy: await has('setup.py'),
    setupCfg: await has('setup.cfg'),
    dockerfile: await has('Dockerfile'),
    dockerignore: await has('.dockerignore'),
    pythonCode: names.some((n) => n.endsWith('.py')) || srcNames.length > 0,
  };
}
