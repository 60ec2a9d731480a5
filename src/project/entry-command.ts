import path from 'node:path';
import { type Source, UserError } from '../errors.js';
import { joinCommand, ShellSplitError, shellSyntaxIn, splitCommand } from '../shell-words.js';
import type { Script } from './pyproject.js';
import { isFile, readText } from './read-text.js';
import type { Dependency, EntryCommand } from './types.js';

type Warnings = { message: string; source?: Source }[];

export interface EntryContext {
  root: string;
  /** Runtime dependencies (used to see whether gunicorn/uvicorn are installed). */
  dependencies: Dependency[];
  scripts: Script[];
  installable: boolean;
  warnings: Warnings;
}

const BIND = '0.0.0.0:8000';

/** Procfile web > project scripts > Django manage.py > app.py/main.py/server.py/wsgi.py/asgi.py. */
export async function findEntry(ctx: EntryContext): Promise<EntryCommand | undefined> {
  return (
    (await fromProcfile(ctx)) ??
    fromScripts(ctx) ??
    (await fromManagePy(ctx)) ??
    (await fromAppFile(ctx)) ??
    undefined
  );
}

export function entry(argv: string[], source: Source, reason: string): EntryCommand {
  return { argv, command: joinCommand(argv), source, reason };
}

function procfileWords(cmd: string, source: Source): string[] {
  try {
    return splitCommand(cmd);
  } catch (e) {
    if (!(e instanceof ShellSplitError)) throw e;
    throw new UserError(
      `the Procfile command cannot be split into words: ${e.message}`,
      'close the quote (the platform that runs the Procfile would fail on it too)',
      source,
    );
  }
}

async function fromProcfile(ctx: EntryContext): Promise<EntryCommand | undefined> {
  const abs = path.join(ctx.root, 'Procfile');
  if (!(await isFile(abs))) return undefined;
  const lines = (await readText(ctx.root, abs)).split('\n');
  const procs = lines
    .map((l, i) => ({ m: /^([A-Za-z0-9_-]+):\s*(.*\S)\s*$/.exec(l), line: i + 1 }))
    .filter((p) => p.m);
  const web = procs.find((p) => p.m?.[1] === 'web') ?? procs.find((p) => p.m?.[1] !== 'release');
  if (!web?.m?.[2]) return undefined;
  const source = { file: 'Procfile', line: web.line };
  const cmd = web.m[2];
  if (web.m[1] !== 'web')
    ctx.warnings.push({ message: `Procfile has no web process; using '${web.m[1]}'`, source });
  if (shellSyntaxIn(cmd)) {
    // Shell syntax needs a shell; images without one (distroless) cannot run it.
    ctx.warnings.push({ message: 'the Procfile command uses shell syntax; it runs through sh -c', source });
    return entry(['sh', '-c', cmd], source, `Procfile ${web.m[1]} process`);
  }
  if (/\$\{?[A-Za-z_]/.test(cmd)) {
    ctx.warnings.push({
      message:
        'the Procfile command uses environment variables (e.g. $PORT); exec form does not expand them, so set them or edit the command',
      source,
    });
  }
  return entry(procfileWords(cmd, source), source, `Procfile ${web.m[1]} process`);
}

function fromScripts(ctx: EntryContext): EntryCommand | undefined {
  const first = ctx.scripts[0];
  if (!first) return undefined;
  if (!ctx.installable) {
    ctx.warnings.push({
      message: `script '${first.name}' is only installed with the project, which has no [build-system]; not used as entry`,
      source: first.source,
    });
    return undefined;
  }
  return entry([first.name], first.source, `the first project script (${first.name} = "${first.target}")`);
}

function hasDep(ctx: EntryContext, name: string): boolean {
  const runtime = ctx.dependencies.filter((d) => !d.group);
  // fastapi[standard] brings uvicorn along.
  if (name === 'uvicorn' && runtime.some((d) => d.name === 'fastapi' && d.extras.includes('standard')))
    return true;
  return runtime.some((d) => d.name === name);
}

async function fromManagePy(ctx: EntryContext): Promise<EntryCommand | undefined> {
  const abs = path.join(ctx.root, 'manage.py');
  if (!(await isFile(abs))) return undefined;
  const lines = (await readText(ctx.root, abs)).split('\n');
  const idx = lines.findIndex((l) => /DJANGO_SETTINGS_MODULE/.test(l));
  const proj = /["']([A-Za-z_][\w.]*)\.settings[\w.]*["']/.exec(
    lines.slice(Math.max(idx, 0)).join('\n'),
  )?.[1];
  const source = { file: 'manage.py', ...(idx >= 0 ? { line: idx + 1 } : {}) };
  if (proj && hasDep(ctx, 'gunicorn')) {
    return entry(
      ['gunicorn', `${proj}.wsgi`, '--bind', BIND],
      source,
      'Django project with gunicorn in the dependencies',
    );
  }
  return entry(
    ['python', 'manage.py', 'runserver', BIND],
    source,
    'Django project (no gunicorn: the development server)',
  );
}

const APP_FILES = ['app.py', 'main.py', 'server.py', 'wsgi.py', 'asgi.py'];
const ASGI = /(?:^|\.)(?:FastAPI|Starlette|Quart|Litestar|asgi\.App|get_asgi_application)$/;
const WSGI = /(?:^|\.)(?:Flask|Bottle|get_wsgi_application|make_wsgi_app)$|^falcon\.(?:App|API)$/;

/** The app object a file defines: `app = Flask(__name__)`, `api = FastAPI()`, or a `create_app` factory. */
export function findAppObject(
  text: string,
): { variable: string; kind: 'wsgi' | 'asgi'; line: number } | undefined {
  const lines = text.split('\n');
  for (const [i, l] of lines.entries()) {
    const m = /^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*([A-Za-z_][\w.]*)\(/.exec(l);
    if (!m?.[1] || !m[2]) continue;
    if (ASGI.test(m[2])) return { variable: m[1], kind: 'asgi', line: i + 1 };
    if (WSGI.test(m[2])) return { variable: m[1], kind: 'wsgi', line: i + 1 };
  }
  const factory = lines.findIndex((l) => /^def create_app\s*\(/.test(l));
  if (factory >= 0 && /\bFlask\b/.test(text))
    return { variable: 'create_app()', kind: 'wsgi', line: factory + 1 };
  return undefined;
}

async function fromAppFile(ctx: EntryContext): Promise<EntryCommand | undefined> {
  let fallback: EntryCommand | undefined;
  for (const file of APP_FILES) {
    const abs = path.join(ctx.root, file);
    if (!(await isFile(abs))) continue;
    const text = await readText(ctx.root, abs);
    const mod = file.replace(/\.py$/, '');
    const app = findAppObject(text);
    if (app) {
      const target = `${mod}:${app.variable}`;
      const source = { file, line: app.line };
      if (app.kind === 'asgi' && hasDep(ctx, 'uvicorn')) {
        return entry(
          ['uvicorn', target, '--host', '0.0.0.0', '--port', '8000'],
          source,
          `ASGI app in ${file} and uvicorn in the dependencies`,
        );
      }
      if (app.kind === 'asgi' && hasDep(ctx, 'hypercorn')) {
        return entry(
          ['hypercorn', target, '--bind', BIND],
          source,
          `ASGI app in ${file} and hypercorn in the dependencies`,
        );
      }
      if (app.kind === 'wsgi' && hasDep(ctx, 'gunicorn')) {
        return entry(
          ['gunicorn', target, '--bind', BIND],
          source,
          `WSGI app in ${file} and gunicorn in the dependencies`,
        );
      }
      if (app.kind === 'wsgi' && hasDep(ctx, 'waitress')) {
        return entry(
          ['waitress-serve', `--listen=${BIND}`, target],
          source,
          `WSGI app in ${file} and waitress in the dependencies`,
        );
      }
    }
    if (!fallback) {
      const main = text.split('\n').findIndex((l) => /^if\s+__name__\s*==\s*["']__main__["']/.test(l));
      const source = main >= 0 ? { file, line: main + 1 } : { file };
      fallback = entry(['python', file], source, `${file} at the project root`);
    }
  }
  return fallback;
}
