import path from 'node:path';
import type { Source } from '../../errors.js';
import { isFile, readText } from '../read-text.js';
import { declaredWords, usable, withoutRunner } from './declared-words.js';
import { cite, type FinderContext, type Found, found, SCORE } from './found.js';
import { serverFor, unwrapOwnCommand } from './servers.js';

/** An existing Dockerfile's CMD/ENTRYPOINT and a compose file's `command:` for the app's service. */
export async function fromContainerFiles(ctx: FinderContext): Promise<Found[]> {
  return [...(await fromDockerfile(ctx)), ...(await fromCompose(ctx))];
}

/** A declared argv: file paths that only exist under the import root run from there. */
async function declared(
  ctx: FinderContext,
  argv: string[],
  source: Source,
  reason: string,
): Promise<Found | undefined> {
  const problem =
    usable(argv) ??
    (absoluteProgram(argv[0]) ? { unusable: `it runs ${argv[0]}, a file of that image` } : undefined);
  if (problem) {
    ctx.warnings.push({ message: `${reason} is not used: ${problem.unusable}`, source });
    return undefined;
  }
  const files = argv.slice(1).filter((a) => /\.py$/.test(a));
  const atRoot = await Promise.all(files.map((f) => isFile(path.join(ctx.root, f))));
  const inImportRoot = await Promise.all(files.map((f) => isFile(path.join(ctx.root, ctx.importRoot, f))));
  const cwd = files.length > 0 && !atRoot.some(Boolean) && inImportRoot.some(Boolean) ? ctx.importRoot : '.';
  return found(argv, source, reason, SCORE.declared, { cwd });
}

/** `/docker-entrypoint.sh`: a path the other Dockerfile created; venv and system Python paths are fine. */
function absoluteProgram(p: string | undefined): boolean {
  return !!p && p.startsWith('/') && !/^\/(usr\/(local\/)?bin|opt\/venv\/bin)\//.test(p);
}

/** The last CMD and ENTRYPOINT of the last stage (continuation lines joined). */
export function dockerfileCommand(
  text: string,
): { argv: string[]; line: number; shellForm?: string } | undefined {
  const logical: { text: string; line: number }[] = [];
  let buf = '';
  let start = 0;
  for (const [i, raw] of text.split('\n').entries()) {
    if (buf === '' && /^\s*#/.test(raw)) continue;
    if (buf === '') start = i + 1;
    buf += raw.replace(/\\\s*$/, ' ');
    if (/\\\s*$/.test(raw)) continue;
    logical.push({ text: buf.trim(), line: start });
    buf = '';
  }
  let cmd: { value: string; line: number } | undefined;
  let ep: { value: string; line: number } | undefined;
  for (const l of logical) {
    const m = /^(FROM|CMD|ENTRYPOINT)\s+(.*)$/i.exec(l.text);
    if (!m?.[1] || m[2] === undefined) continue;
    const kw = m[1].toUpperCase();
    if (kw === 'FROM') cmd = ep = undefined;
    else if (kw === 'CMD') cmd = { value: m[2], line: l.line };
    else ep = { value: m[2], line: l.line };
  }
  const exec = (v: string): string[] | undefined => {
    try {
      const a: unknown = JSON.parse(v);
      return Array.isArray(a) && a.every((x) => typeof x === 'string') ? (a as string[]) : undefined;
    } catch {
      return undefined;
    }
  };
  const main = ep ?? cmd;
  if (!main) return undefined;
  const head = exec(main.value);
  if (!head) return { argv: [], line: main.line, shellForm: main.value };
  const tail = ep && cmd ? (exec(cmd.value) ?? []) : [];
  return { argv: [...head, ...tail], line: main.line };
}

async function fromDockerfile(ctx: FinderContext): Promise<Found[]> {
  const abs = path.join(ctx.root, 'Dockerfile');
  if (!(await isFile(abs))) return [];
  const cmd = dockerfileCommand(await readText(ctx.root, abs));
  if (!cmd) return [];
  const source = { file: 'Dockerfile', line: cmd.line };
  const reason = 'the command of the existing Dockerfile';
  if (cmd.shellForm !== undefined) {
    const words = declaredWords(cmd.shellForm, source, 'Dockerfile');
    if ('unusable' in words) {
      ctx.warnings.push({ message: `${reason} is not used: ${words.unusable}`, source });
      return [];
    }
    const f = await declared(ctx, words.argv, source, reason);
    return f ? [f] : [];
  }
  const f = await declared(ctx, withoutRunner(unwrapOwnCommand(cmd.argv)), source, reason);
  return f ? [f] : [];
}

const COMPOSE = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** `command:` of the first service built from this folder (`build: .`), one with ports first. */
async function fromCompose(ctx: FinderContext): Promise<Found[]> {
  for (const file of COMPOSE) {
    const abs = path.join(ctx.root, file);
    if (!(await isFile(abs))) continue;
    // The YAML parser loads only for a project with a compose file (it is a sixth of a plan's start-up).
    const { isMap, isScalar, isSeq, LineCounter, parseDocument } = await import('yaml');
    const counter = new LineCounter();
    const doc = parseDocument(await readText(ctx.root, abs), { lineCounter: counter });
    const services = doc.get('services', true);
    if (doc.errors.length > 0 || !isMap(services)) return [];
    const built = services.items.filter((s) => {
      const b = isMap(s.value) ? s.value.get('build', true) : undefined;
      const context = isMap(b) ? b.get('context') : isScalar(b) ? b.value : undefined;
      return context === '.' || context === './';
    });
    built.sort(
      (a, b) =>
        Number(isMap(b.value) && b.value.has('ports')) - Number(isMap(a.value) && a.value.has('ports')),
    );
    for (const s of built) {
      const c = isMap(s.value) ? s.value.get('command', true) : undefined;
      if (!c) continue;
      const line = c.range ? counter.linePos(c.range[0]).line : undefined;
      const source = { file, ...(line ? { line } : {}) };
      const reason = `the command of the ${String(isScalar(s.key) ? s.key.value : 'app')} service in ${file}`;
      if (isScalar(c) && typeof c.value === 'string') {
        const words = declaredWords(c.value, source, file);
        if ('unusable' in words) {
          ctx.warnings.push({ message: `${reason} is not used: ${words.unusable}`, source });
          continue;
        }
        const f = await declared(ctx, words.argv, source, reason);
        if (f) return [f];
      } else if (isSeq(c) && c.items.every((i) => isScalar(i))) {
        const f = await declared(ctx, withoutRunner(c.items.map((i) => String(i.value))), source, reason);
        if (f) return [f];
      }
    }
    return [];
  }
  return [];
}

/** gunicorn.conf.py (read by gunicorn from its working folder): its app and its bind. */
export async function gunicornConf(
  ctx: FinderContext,
): Promise<{ file: string; wsgiApp?: { value: string; line: number }; port?: number } | undefined> {
  for (const dir of [...new Set([ctx.runDir, '.'])]) {
    const file = dir === '.' ? 'gunicorn.conf.py' : `${dir}/gunicorn.conf.py`;
    if (!(await isFile(path.join(ctx.root, file)))) continue;
    const lines = (await readText(ctx.root, path.join(ctx.root, file))).split('\n');
    const out: { file: string; wsgiApp?: { value: string; line: number }; port?: number } = { file };
    for (const [i, l] of lines.entries()) {
      const app = /^wsgi_app\s*=\s*["']([^"']+)["']/.exec(l);
      if (app?.[1]) out.wsgiApp = { value: app[1], line: i + 1 };
      const bind = /^bind\s*=\s*\[?\s*["'][^"']*:(\d+)["']/.exec(l);
      if (bind?.[1]) out.port = Number(bind[1]);
    }
    return out;
  }
  return undefined;
}

/** gunicorn.conf.py naming the app, `[tool.fastapi] entrypoint`: declared, in files a server reads. */
export async function fromServerConfig(ctx: FinderContext): Promise<Found[]> {
  const out: Found[] = [];
  const conf = await gunicornConf(ctx);
  if (conf?.wsgiApp && ctx.dependency('gunicorn')) {
    // gunicorn reads ./gunicorn.conf.py itself; from another folder it is named with -c.
    const inCwd = path.posix.dirname(conf.file) === '.' ? '.' : path.posix.dirname(conf.file);
    out.push(
      found(
        ['gunicorn'],
        { file: conf.file, line: conf.wsgiApp.line },
        `wsgi_app in ${conf.file} and ${cite(ctx, 'gunicorn')}`,
        SCORE.declared,
        {
          cwd: inCwd,
          ...(conf.port ? { port: conf.port } : {}),
        },
      ),
    );
  }
  const ep = ctx.fastapiEntrypoint;
  if (ep && /^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$/.test(ep.value)) {
    const server = serverFor('asgi', (d) => ctx.dependency(d) !== undefined);
    const argv = server ? server.command(ep.value, 'asgi', false) : ['fastapi', 'run'];
    const by = server ? ` and ${cite(ctx, server.dist)}` : ' (fastapi run reads it)';
    out.push(
      found(argv, ep.source, `[tool.fastapi] entrypoint ${ep.value}${by}`, SCORE.declared + 1, {
        cwd: ctx.runDir,
      }),
    );
  }
  return out;
}
