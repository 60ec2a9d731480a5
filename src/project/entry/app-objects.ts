import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isFile, readText } from '../read-text.js';
import { cite, type FinderContext, type Found, found, SCORE } from './found.js';
import { type AppKind, serverFor } from './servers.js';

const ASGI = /(?:^|\.)(?:FastAPI|Starlette|Quart|Litestar|Sanic|asgi\.App|get_asgi_application)$/;
const WSGI = /(?:^|\.)(?:Flask|Bottle|Pyramid|get_wsgi_application|make_wsgi_app)$|^falcon\.(?:App|API)$/;

export interface AppObject {
  variable: string;
  kind: AppKind;
  line: number;
  /** The constructor or factory seen: 'Flask', 'FastAPI', 'get_wsgi_application'. */
  framework: string;
  /** A `create_app()` factory rather than a module-level object. */
  factory: boolean;
}

/** The app object a file defines: `app = Flask(__name__)`, `api = FastAPI()`, or a `create_app` factory. */
export function findAppObject(text: string): AppObject | undefined {
  const lines = text.split('\n');
  for (const [i, l] of lines.entries()) {
    const m = /^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*([A-Za-z_][\w.]*)\(/.exec(l);
    if (!m?.[1] || !m[2]) continue;
    const framework = m[2].split('.').pop() ?? m[2];
    if (ASGI.test(m[2])) return { variable: m[1], kind: 'asgi', line: i + 1, framework, factory: false };
    if (WSGI.test(m[2])) return { variable: m[1], kind: 'wsgi', line: i + 1, framework, factory: false };
  }
  const factory = lines.findIndex((l) => /^def create_app\s*\(/.test(l));
  if (factory >= 0 && /\bFlask\b/.test(text))
    return { variable: 'create_app', kind: 'wsgi', line: factory + 1, framework: 'Flask', factory: true };
  return undefined;
}

/** File names where apps live, in the order a person would open them. */
const APP_FILES = [
  'app',
  'main',
  'server',
  'wsgi',
  'asgi',
  'api',
  'web',
  'application',
  '__init__',
  'run',
  'serve',
];
const SKIP_DIRS = new Set([
  'tests',
  'test',
  'migrations',
  'docs',
  'examples',
  'venv',
  'env',
  'node_modules',
  'build',
  'dist',
  'scripts',
]);
const MAX_BYTES = 256 * 1024;

interface PyFile {
  /** Root-relative path. */
  file: string;
  /** Dotted module path from the import root. */
  module: string;
  rank: number;
}

/** .py files of the import root (any name) and of its packages two levels down (app-like names). */
export async function candidateFiles(root: string, importRoot: string): Promise<PyFile[]> {
  const out: PyFile[] = [];
  const walk = async (rel: string, parts: string[]) => {
    const dir = path.join(root, importRoot, rel);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory() && parts.length < 2 && /^[A-Za-z_]\w*$/.test(e.name) && !SKIP_DIRS.has(e.name)) {
        await walk(path.join(rel, e.name), [...parts, e.name]);
        continue;
      }
      if (!e.isFile() || !e.name.endsWith('.py')) continue;
      const base = e.name.slice(0, -3);
      const named = APP_FILES.indexOf(base);
      if (parts.length > 0 && named < 0) continue;
      if (
        !/^[A-Za-z_]\w*$/.test(base) ||
        /^(setup|conftest|noxfile|fabfile|manage|tasks)$|^test_|_test$/.test(base)
      )
        continue;
      const module = [...parts, ...(base === '__init__' ? [] : [base])].join('.');
      if (!module) continue;
      const file = path.posix.join(
        importRoot === '.' ? '' : importRoot,
        rel.split(path.sep).join('/'),
        e.name,
      );
      out.push({ file, module, rank: parts.length * 100 + (named < 0 ? 50 : named) });
    }
  };
  await walk('', []);
  return out.sort((a, b) => a.rank - b.rank).slice(0, 300);
}

async function readSmall(root: string, file: string): Promise<string | undefined> {
  const abs = path.join(root, file);
  const st = await stat(abs).catch(() => undefined);
  return st && st.size <= MAX_BYTES ? readText(root, abs) : undefined;
}

/**
 * WSGI/ASGI app objects under the import root, served by the production server among the
 * dependencies; a Flask app without one gets Flask's development server.
 */
export async function fromAppObjects(ctx: FinderContext): Promise<Found[]> {
  const out: Found[] = [];
  const django = await isFile(path.join(ctx.root, ctx.importRoot, 'manage.py'));
  const has = (d: string) => ctx.dependency(d) !== undefined;
  for (const [i, f] of (await candidateFiles(ctx.root, ctx.importRoot)).entries()) {
    const text = await readSmall(ctx.root, f.file);
    const app = text === undefined ? undefined : findAppObject(text);
    if (!app || (django && /_application$/.test(app.framework))) continue;
    const target = `${f.module}:${app.variable}`;
    const source = { file: f.file, line: app.line };
    const what = `${app.framework} app ${app.factory ? `factory \`${app.variable}()\`` : `\`${app.variable}\``} in ${f.file}:${app.line}`;
    const server = serverFor(app.kind, has);
    const tie = i / 1000;
    if (server) {
      out.push(
        found(
          server.command(target, app.kind, app.factory),
          source,
          `${what} and ${cite(ctx, server.dist)} in the dependencies`,
          SCORE.server + tie,
          {
            guessed: true,
            cwd: ctx.runDir,
          },
        ),
      );
    } else if (app.framework === 'Flask') {
      const t = app.factory ? `${target}()` : target;
      out.push(
        found(
          ['flask', '--app', t, 'run'],
          source,
          `${what}; no production server (gunicorn, waitress) in the dependencies, so Flask's development server`,
          SCORE.devServer + tie,
          {
            guessed: true,
            cwd: ctx.runDir,
          },
        ),
      );
    }
  }
  return out;
}

/** Django: the settings module manage.py names, its wsgi/asgi module and the server to run it. */
export async function fromDjango(ctx: FinderContext): Promise<Found[]> {
  const rel = ctx.importRoot === '.' ? 'manage.py' : `${ctx.importRoot}/manage.py`;
  const abs = path.join(ctx.root, rel);
  if (!(await isFile(abs))) return [];
  const lines = (await readText(ctx.root, abs)).split('\n');
  const idx = lines.findIndex((l) => /DJANGO_SETTINGS_MODULE/.test(l));
  const settings = /["']([A-Za-z_][\w.]*)\.settings[\w.]*["']/.exec(
    lines.slice(Math.max(idx, 0)).join('\n'),
  )?.[1];
  const source = { file: rel, ...(idx >= 0 ? { line: idx + 1 } : {}) };
  const cwd = ctx.installable ? '.' : ctx.importRoot;
  const has = (d: string) => ctx.dependency(d) !== undefined;
  const out: Found[] = [];
  if (settings) {
    const mod = (name: string) => path.join(ctx.root, ctx.importRoot, ...settings.split('.'), `${name}.py`);
    const wsgi = serverFor('wsgi', has);
    const asgi = serverFor('asgi', has);
    if (wsgi && (await isFile(mod('wsgi')))) {
      const argv =
        wsgi.dist === 'gunicorn'
          ? ['gunicorn', `${settings}.wsgi`]
          : wsgi.command(`${settings}.wsgi:application`, 'wsgi', false);
      out.push(
        found(
          argv,
          source,
          `Django project ${settings} (${rel}) with ${cite(ctx, wsgi.dist)}: ${settings}.wsgi`,
          SCORE.server - 1,
          { cwd },
        ),
      );
    } else if (asgi && (await isFile(mod('asgi')))) {
      const argv = asgi.command(`${settings}.asgi:application`, 'asgi', false);
      out.push(
        found(
          argv,
          source,
          `Django project ${settings} (${rel}) with ${cite(ctx, asgi.dist)}: ${settings}.asgi`,
          SCORE.server - 1,
          { cwd },
        ),
      );
    }
  }
  out.push(
    found(
      ['python', 'manage.py', 'runserver'],
      source,
      "Django's development server (add gunicorn to the dependencies for production)",
      SCORE.devServer,
      { cwd: ctx.importRoot },
    ),
  );
  return out;
}
