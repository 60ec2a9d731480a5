import { serverOf } from '../project/entry/servers.js';

/**
 * How the smoke test checks that the entry command can start, without starting a server that
 * would never exit: the server's own loader where it has a dry run (`gunicorn --check-config`
 * imports the app; `manage.py check` loads Django's settings and apps; `flask routes` loads the
 * app), an import of the `module:attr` an ASGI server would load, a console script's entry point,
 * a module's spec, a script's syntax. Nothing here opens a port.
 */
export type EntryProbe =
  | { kind: 'run'; argv: string[] }
  | { kind: 'import'; target: string; appDir?: string }
  | { kind: 'file'; path: string }
  | { kind: 'module'; name: string }
  | { kind: 'program'; name: string };

const TARGET = /^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*(\(\))?$/;

/** The first `module:attr` word that is not an option's value. */
function targetOf(argv: string[], from: number, valued: string[]): string | undefined {
  for (let i = from; i < argv.length; i++) {
    const a = argv[i]!;
    if (valued.includes(a)) {
      i++;
      continue;
    }
    if (TARGET.test(a)) return a.replace(/\(\)$/, '');
  }
  return undefined;
}

function optionValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

const IMPORTING = ['uvicorn', 'hypercorn', 'granian', 'daphne', 'waitress-serve'];
const VALUED = [
  '--host',
  '--port',
  '-b',
  '--bind',
  '-p',
  '--app-dir',
  '--interface',
  '--workers',
  '-w',
  '--root-path',
];

export function entryProbe(argv: readonly string[] | undefined): EntryProbe | undefined {
  if (!argv?.length) return undefined;
  const a = [...argv];
  const server = serverOf(a);
  if (server?.name === 'gunicorn') return { kind: 'run', argv: [...a, '--check-config'] };
  if (server?.name === 'django-runserver') return { kind: 'run', argv: [...a.slice(0, server.at), 'check'] };
  if (server?.name === 'flask-run') {
    const run = a.indexOf('run');
    return { kind: 'run', argv: [...a.slice(0, run), 'routes'] };
  }
  if (server && IMPORTING.includes(server.name)) {
    const target = targetOf(a, server.at + 1, VALUED);
    const appDir = optionValue(a, '--app-dir');
    if (target) return { kind: 'import', target, ...(appDir ? { appDir } : {}) };
  }
  const first = (a[0] ?? '').split('/').pop() ?? '';
  if (/^python(3(\.\d+)?)?$/.test(first)) {
    if (a[1] === '-m' && a[2]) return { kind: 'module', name: a[2] };
    if (a[1] && !a[1].startsWith('-')) return { kind: 'file', path: a[1] };
  }
  return { kind: 'program', name: a[0]! };
}
