import type { EntryCommand } from '../types.js';
import { fromAppObjects, fromDjango } from './app-objects.js';
import { fromContainerFiles, fromServerConfig, gunicornConf } from './declared.js';
import { type FinderContext, type Found, SCORE } from './found.js';
import { fromProcfile } from './procfile.js';
import { fromMainScripts, fromScripts } from './scripts.js';
import { readsUnnamed } from './servers.js';

export { findAppObject } from './app-objects.js';
export type { FinderContext } from './found.js';

export interface EntryChoice {
  entry?: EntryCommand;
  /** Every plausible command, best first (the chosen one included). */
  choices: EntryCommand[];
}

const MAX_CHOICES = 6;

/**
 * The command that starts the app, found as a person would: what the project declares for
 * production (Procfile, an existing Dockerfile or compose file, gunicorn.conf.py, [tool.fastapi]),
 * the project's own server script, a WSGI/ASGI app under a production server from the
 * dependencies, then scripts and development servers. Each is made reachable (0.0.0.0, $PORT).
 */
export async function findEntry(ctx: FinderContext): Promise<EntryChoice> {
  const all: Found[] = [
    ...(await fromProcfile(ctx)),
    ...(await fromContainerFiles(ctx)),
    ...(await fromServerConfig(ctx)),
    ...fromScripts(ctx),
    ...(await fromDjango(ctx)),
    ...(await fromAppObjects(ctx)),
    ...(await fromMainScripts(ctx)),
  ];
  const seen = new Set<string>();
  const ranked = all
    .sort((a, b) => a.score - b.score)
    .filter((f) => !seen.has(f.entry.command) && seen.add(f.entry.command));
  const best = ranked[0];
  if (!best) return { choices: [] };
  const declaredDev = ranked.find((f) => f.score === SCORE.declaredDev);
  if (declaredDev && best.score < SCORE.declaredDev) {
    best.entry.reason = `${best.entry.reason}; preferred to ${declaredDev.entry.command} (${where(declaredDev.entry)}), a development server`;
  }
  for (const n of best.notes)
    ctx.warnings.push({ message: `entry ${best.entry.command}: ${n}`, source: best.entry.source });
  const choices = ranked.slice(0, MAX_CHOICES).map((f) => f.entry);
  // Each choice listens where it would if picked (the wizard offers them all).
  for (const c of choices) await applyGunicornConf(ctx, c);
  return { entry: best.entry, choices };
}

function where(e: EntryCommand): string {
  return e.source.line ? `${e.source.file}:${e.source.line}` : e.source.file;
}

/**
 * gunicorn reads gunicorn.conf.py from its working folder: its bind decides the port, and the file
 * ships with the command (an installed project copies only the files its entry names).
 */
async function applyGunicornConf(ctx: FinderContext, e: EntryCommand): Promise<void> {
  if (!readsUnnamed(e.argv, 'gunicorn.conf.py')) return;
  const conf = await gunicornConf(ctx);
  const dir = conf?.file.includes('/') ? conf.file.slice(0, conf.file.lastIndexOf('/')) : '.';
  if (!conf || dir !== (e.cwd ?? '.')) return;
  if (conf.port) e.port = conf.port;
  e.files = [...new Set([...(e.files ?? []), 'gunicorn.conf.py'])];
}
