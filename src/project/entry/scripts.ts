import path from 'node:path';
import { modulesIn } from '../app-modules.js';
import { isFile, readText } from '../read-text.js';
import { candidateFiles } from './app-objects.js';
import { type FinderContext, type Found, found, SCORE } from './found.js';
import { DEFAULT_PORT } from './servers.js';

const SERVER_WORD = /(^|[-_])(serve|server|web|api|app|start|run|http|wsgi|asgi|site|daemon)([-_]|$)/i;
/** Commands run once (set-up, data) or by hand (management CLIs): never the container's command. */
const ONE_SHOT =
  /(^|[-_])(init|initdb|setup|install|migrate|migrations|upgrade|manage|admin|cli|ctl|shell|db|seed|create|import|export|dump|load|sync|backup|restore|reset|check|test|lint|build|gen|generate|config|version)([-_]|$)/i;

/**
 * Console scripts of an installable project (only those exist in the image). A server-like name
 * (`serve`, `myapp-web`, the project's own name) is the project's own way to start; set-up and
 * management commands (`init_db`, `myapp-admin`) are not what a container runs.
 */
export function fromScripts(ctx: FinderContext): Found[] {
  if (ctx.scripts.length === 0) return [];
  if (!ctx.installable) {
    const first = ctx.scripts[0]!;
    ctx.warnings.push({
      message: `script '${first.name}' exists only once the project is installed, and it is not installable; not used as the entry`,
      source: first.source,
    });
    return [];
  }
  return ctx.scripts.map((s, i) => {
    const own = s.name.replace(/[-_.]+/g, '-').toLowerCase() === ctx.projectName;
    const oneShot = ONE_SHOT.test(s.name) && !SERVER_WORD.test(s.name);
    const score = oneShot
      ? SCORE.oneShot
      : own || SERVER_WORD.test(s.name)
        ? SCORE.serverScript
        : SCORE.script;
    const kind = oneShot
      ? `looks like a one-shot or management command (${s.name}), not a server`
      : score === SCORE.serverScript
        ? 'the project’s own start command'
        : 'a console script of the project';
    // A server-like script gets PORT (and EXPOSE): the convention it most likely reads.
    const port = score === SCORE.serverScript ? { port: DEFAULT_PORT } : {};
    return found(
      [s.name],
      s.source,
      `console script ${s.name} = "${s.target}": ${kind}`,
      score + i / 1000,
      port,
    );
  });
}

const MAIN = /^if\s+__name__\s*==\s*["']__main__["']\s*:/;

/** `if __name__ == "__main__":` scripts in the import root, and packages with a `__main__.py`. */
export async function fromMainScripts(ctx: FinderContext): Promise<Found[]> {
  const out: Found[] = [];
  // An installed project ships its wheel, not its source files: only `python -m` reaches it.
  const files = ctx.installable ? [] : await candidateFiles(ctx.root, ctx.importRoot);
  for (const [i, f] of files.entries()) {
    const rel = path.posix.relative(ctx.importRoot === '.' ? '' : ctx.importRoot, f.file);
    const tie = i / 1000;
    if (rel.endsWith('/__main__.py')) continue;
    if (!rel.includes('/')) {
      const text = await readText(ctx.root, path.join(ctx.root, f.file));
      const lines = text.split('\n');
      const main = lines.findIndex((l) => MAIN.test(l));
      if (main < 0) continue;
      // `app.run()` binds 127.0.0.1 unless told otherwise: unreachable from outside the container.
      const local = /\.run\((?![^)]*host)/.test(lines.slice(main).join('\n'));
      out.push({
        ...found(
          ['python', rel],
          { file: f.file, line: main + 1 },
          `${f.file} runs as a script (if __name__ == "__main__")`,
          local ? SCORE.localOnly + tie : SCORE.mainScript + tie,
          {
            guessed: true,
            cwd: ctx.importRoot,
          },
        ),
        ...(local
          ? {
              notes: [
                `${f.file} calls .run() without host=: it listens on 127.0.0.1, unreachable from outside the container`,
              ],
            }
          : {}),
      });
    }
  }
  for (const pkg of await modulesIn(path.join(ctx.root, ctx.importRoot))) {
    const main = path.join(ctx.root, ctx.importRoot, pkg, '__main__.py');
    if (!(await isFile(main))) continue;
    const file = path.posix.join(ctx.importRoot === '.' ? '' : ctx.importRoot, pkg, '__main__.py');
    out.push(
      found(['python', '-m', pkg], { file }, `package ${pkg} has a __main__.py`, SCORE.module, {
        guessed: true,
        cwd: ctx.runDir,
      }),
    );
  }
  return out;
}
