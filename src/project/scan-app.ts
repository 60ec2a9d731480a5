import path from 'node:path';
import type { Source } from '../errors.js';
import { findAppModules } from './app-modules.js';
import { findEntry } from './entry/index.js';
import { findImportRoot } from './import-root.js';
import { installability } from './installable.js';
import type { FoundFiles } from './project-files.js';
import type { PyprojectInfo } from './pyproject.js';
import { isFile } from './read-text.js';
import type { Dependency, EntryCommand, Project } from './types.js';

export interface AppEvidence {
  root: string;
  found: FoundFiles;
  pyproject: PyprojectInfo | undefined;
  /** What the production image installs (entry finders look for servers among them). */
  runtime: readonly Dependency[];
  name: string;
  warnings: { message: string; source?: Source }[];
}

type App = Pick<
  Project,
  'installable' | 'installReason' | 'importRoot' | 'appModules' | 'entry' | 'entryChoices'
>;

/** The app itself: installable or not, where it imports from, its modules, the command that starts it. */
export async function scanApp(e: AppEvidence): Promise<App> {
  const { root, found, pyproject } = e;
  const install = installability({
    ...(pyproject ? { build: pyproject.build } : {}),
    setupPy: found.setupPy,
    setupCfg: found.pyproject && found.setupCfg,
  });
  const importRoot = await findImportRoot({
    root,
    ...(pyproject ? { build: pyproject.build } : {}),
    setupPy: found.setupPy,
    setupCfg: found.setupCfg,
    warnings: e.warnings,
  });
  const { entry, choices } = await findEntry({
    root,
    runDir: install.installable ? '.' : importRoot.path,
    importRoot: importRoot.path,
    dependency: dependencyLookup(e.runtime),
    scripts: pyproject?.scripts ?? [],
    installable: install.installable,
    projectName: e.name,
    ...(pyproject?.fastapiEntrypoint ? { fastapiEntrypoint: pyproject.fastapiEntrypoint } : {}),
    warnings: e.warnings,
  });
  // Every choice, not only the best: the wizard can pick another, which then ships its files.
  for (const c of choices) await attachFiles(root, c);
  return {
    ...(entry ? { entry } : {}),
    entryChoices: choices,
    installable: install.installable,
    installReason: { reason: install.reason, ...(install.source ? { source: install.source } : {}) },
    importRoot,
    appModules: await findAppModules(root, importRoot.path),
  };
}

/** Where a runtime dependency is declared; fastapi[standard] brings uvicorn along. */
function dependencyLookup(runtime: readonly Dependency[]): (dist: string) => Source | undefined {
  return (dist) =>
    runtime.find((d) => d.name === dist)?.source ??
    (dist === 'uvicorn'
      ? runtime.find((d) => d.name === 'fastapi' && d.extras.includes('standard'))?.source
      : undefined);
}

const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.-]+)*$/;

/** The project files the command names (`-c gunicorn.conf.py`, `manage.py`), relative to its folder. */
async function attachFiles(root: string, entry: EntryCommand): Promise<void> {
  const files: string[] = [];
  for (const a of entry.argv.slice(1)) {
    const rel = a.replace(/^\.\//, '');
    if (PLAIN.test(rel) && !rel.startsWith('..') && (await isFile(path.join(root, entry.cwd ?? '.', rel))))
      files.push(a);
  }
  // Merged with what the finder named already (the gunicorn.conf.py gunicorn reads by itself).
  if (files.length) entry.files = [...new Set([...(entry.files ?? []), ...files])];
}
