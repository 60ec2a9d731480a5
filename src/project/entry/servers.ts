/**
 * What slim-py knows about the programs that serve a Python web app: which distribution brings
 * each, whether it is meant for production, the command that serves an app object on $PORT bound
 * to every interface, and how to make a declared command reachable from outside the container.
 */

export type AppKind = 'wsgi' | 'asgi';

export interface ServerSpec {
  /** The distribution that installs it. */
  dist: string;
  serves: AppKind[];
  /** argv serving `target` (`module:attr`; `factory`: attr is a function returning the app). */
  command(target: string, kind: AppKind, factory: boolean): string[];
}

/** Production servers, in the order they are preferred when several are dependencies. */
export const SERVERS: readonly ServerSpec[] = [
  {
    dist: 'gunicorn',
    serves: ['wsgi'],
    // gunicorn binds 0.0.0.0:$PORT by itself when PORT is set: no --bind needed.
    command: (t, _k, factory) => ['gunicorn', factory ? `${t}()` : t],
  },
  {
    dist: 'uvicorn',
    serves: ['asgi'],
    command: (t, _k, factory) => [
      'uvicorn',
      t,
      ...(factory ? ['--factory'] : []),
      '--host',
      '0.0.0.0',
      '--port',
      '$PORT',
    ],
  },
  { dist: 'hypercorn', serves: ['asgi'], command: (t) => ['hypercorn', t, '--bind', '0.0.0.0:$PORT'] },
  {
    dist: 'granian',
    serves: ['asgi', 'wsgi'],
    command: (t, k, factory) => [
      'granian',
      '--interface',
      k,
      ...(factory ? ['--factory'] : []),
      '--host',
      '0.0.0.0',
      '--port',
      '$PORT',
      t,
    ],
  },
  {
    dist: 'waitress',
    serves: ['wsgi'],
    command: (t, _k, factory) => [
      'waitress-serve',
      '--listen=0.0.0.0:$PORT',
      ...(factory ? ['--call'] : []),
      t,
    ],
  },
  { dist: 'daphne', serves: ['asgi'], command: (t) => ['daphne', '-b', '0.0.0.0', '-p', '$PORT', t] },
];

/** The preferred production server for an app of `kind` among the dependencies. */
export function serverFor(kind: AppKind, has: (dist: string) => boolean): ServerSpec | undefined {
  return SERVERS.find((s) => s.serves.includes(kind) && has(s.dist));
}

export const DEFAULT_PORT = 8000;
const LOCAL = /^(127\.0\.0\.1|localhost|\[?::1\]?)$/;
const PORT_VAR = /^\$\{?PORT\}?$/;

export interface Reachable {
  argv: string[];
  /** The port it listens on; undefined when the command is not a known server. */
  port?: number;
  /** What was changed and why (warnings). */
  notes: string[];
  /** Development servers (runserver, flask run, fastapi dev): a production server is preferred. */
  dev: boolean;
  /** The program, as named in SERVER_NAMES ('gunicorn', 'django-runserver'...). */
  server?: string;
}

/** `HOST:PORT` → host and port; `:PORT` and a bare port have no host. */
function splitAddress(a: string): { host?: string; port?: string } {
  const m = /^(.*):([^:\]]+)$/.exec(a);
  if (!m) return /^\d+$/.test(a) || PORT_VAR.test(a) ? { port: a } : { host: a };
  return { host: m[1] || undefined, port: m[2] };
}

function portOf(p: string | undefined): number {
  const n = p !== undefined && /^\d+$/.test(p) ? Number(p) : Number.NaN;
  return n >= 1 && n <= 65535 ? n : DEFAULT_PORT;
}

/** Index of `--flag value` / `--flag=value` / `-f value`; the value and where it is. */
function option(argv: string[], names: string[]): { i: number; value: string; joined: boolean } | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (names.includes(a) && argv[i + 1] !== undefined) return { i, value: argv[i + 1]!, joined: false };
    const eq = names.find((n) => n.startsWith('--') && a.startsWith(`${n}=`));
    if (eq) return { i, value: a.slice(eq.length + 1), joined: true };
  }
  return undefined;
}

function setValue(argv: string[], o: { i: number; joined: boolean }, value: string): void {
  if (o.joined) argv[o.i] = `${argv[o.i]!.split('=')[0]}=${value}`;
  else argv[o.i + 1] = value;
}

/** `--bind HOST:PORT` style: a local host becomes 0.0.0.0; returns the port. */
function fixBind(argv: string[], names: string[], notes: string[], add?: string[]): number | undefined {
  const o = option(argv, names);
  if (!o) {
    if (add) argv.push(...add);
    return add ? DEFAULT_PORT : undefined;
  }
  if (/^(unix:|fd:\/\/)/.test(o.value)) return undefined;
  const { host, port } = splitAddress(o.value);
  if (host && LOCAL.test(host)) {
    setValue(argv, o, `0.0.0.0:${port ?? DEFAULT_PORT}`);
    notes.push(`it bound ${o.value}, unreachable from outside the container: changed to 0.0.0.0`);
  } else if (!host && port && !o.value.startsWith(':')) setValue(argv, o, `0.0.0.0:${port}`);
  return portOf(port);
}

/** `--host H --port P` style: a missing or local host becomes 0.0.0.0, a missing port $PORT. */
function fixHostPort(argv: string[], hostNames: string[], portNames: string[], notes: string[]): number {
  const h = option(argv, hostNames);
  if (!h) argv.push(hostNames[0]!, '0.0.0.0');
  else if (LOCAL.test(h.value)) {
    setValue(argv, h, '0.0.0.0');
    notes.push(`it bound ${h.value}, unreachable from outside the container: changed to 0.0.0.0`);
  }
  const p = option(argv, portNames);
  if (!p) argv.push(portNames[0]!, '$PORT');
  return portOf(p?.value);
}

/** The program an argv runs: `gunicorn`, `python -m uvicorn`, `python manage.py runserver`, `flask run`. */
export function serverOf(argv: string[]): { name: string; at: number } | undefined {
  const base = (a: string | undefined) => (a ?? '').split('/').pop() ?? '';
  const first = base(argv[0]);
  let at = 0;
  let name = first;
  if (/^python(3(\.\d+)?)?$/.test(first)) {
    if (argv[1] === '-m' && argv[2]) {
      name = argv[2];
      at = 2;
    } else if (base(argv[1]) === 'manage.py' && argv[2] === 'runserver')
      return { name: 'django-runserver', at: 2 };
    else return undefined;
  }
  if (name === 'flask' && argv.includes('run')) return { name: 'flask-run', at };
  if (name === 'fastapi' && (argv[at + 1] === 'run' || argv[at + 1] === 'dev'))
    return { name: argv[at + 1] === 'dev' ? 'fastapi-dev' : 'fastapi-run', at };
  if (['gunicorn', 'uvicorn', 'hypercorn', 'granian', 'waitress-serve', 'waitress', 'daphne'].includes(name))
    return { name: name === 'waitress' ? 'waitress-serve' : name, at };
  return undefined;
}

/**
 * A declared command made reachable from outside the container: bound to 0.0.0.0, on $PORT
 * when it names no port. Unknown programs are left as they are.
 */
export function makeReachable(input: string[]): Reachable {
  const argv = [...input];
  const notes: string[] = [];
  const server = serverOf(argv);
  const out = (port: number | undefined, dev = false): Reachable => ({
    argv,
    notes,
    dev,
    ...(port !== undefined ? { port } : {}),
    ...(server ? { server: server.name } : {}),
  });
  switch (server?.name) {
    case 'gunicorn':
      // Without --bind gunicorn takes 0.0.0.0:$PORT from the environment.
      return out(fixBind(argv, ['-b', '--bind'], notes) ?? DEFAULT_PORT);
    case 'uvicorn':
      return option(argv, ['--uds', '--fd'])
        ? out(undefined)
        : out(fixHostPort(argv, ['--host'], ['--port'], notes));
    case 'granian':
      return out(fixHostPort(argv, ['--host'], ['--port'], notes));
    case 'hypercorn':
      return out(fixBind(argv, ['-b', '--bind'], notes, ['--bind', '0.0.0.0:$PORT']));
    case 'daphne':
      if (option(argv, ['-u', '--unix-socket', '--fd', '-e', '--endpoint'])) return out(undefined);
      return out(fixHostPort(argv, ['-b', '--bind'], ['-p', '--port'], notes));
    case 'waitress-serve': {
      if (option(argv, ['--listen'])) return out(fixBind(argv, ['--listen'], notes));
      // waitress binds 0.0.0.0 by default; only the port is missing.
      const p = option(argv, ['--port']);
      if (!p) argv.splice(server.at + 1, 0, '--port=$PORT');
      return out(portOf(p?.value));
    }
    case 'django-runserver': {
      const i = argv.findIndex((a, j) => j > server.at && !a.startsWith('-'));
      if (i < 0) argv.push('0.0.0.0:$PORT');
      else {
        const { host, port } = splitAddress(argv[i]!);
        if (!host || LOCAL.test(host)) {
          if (host)
            notes.push(`it bound ${argv[i]}, unreachable from outside the container: changed to 0.0.0.0`);
          argv[i] = `0.0.0.0:${port ?? '$PORT'}`;
        }
        return out(portOf(port), true);
      }
      return out(DEFAULT_PORT, true);
    }
    case 'flask-run':
      return out(fixHostPort(argv, ['--host', '-h'], ['--port', '-p'], notes), true);
    case 'fastapi-dev':
      return out(fixHostPort(argv, ['--host'], ['--port'], notes), true);
    case 'fastapi-run': {
      const p = option(argv, ['--port']);
      if (!p) argv.push('--port', '$PORT');
      return out(portOf(p?.value));
    }
    default:
      return out(undefined);
  }
}

/** Whether an argv needs `$VARIABLES` expanded at start (exec form does not). */
export function needsExpansion(argv: readonly string[]): boolean {
  return argv.some((a) => /\$(\{[A-Za-z_]\w*\}|[A-Za-z_])/.test(a));
}

/**
 * The one-line Python that starts a command with its `$VARIABLES` expanded, for exec form
 * without a shell (distroless and closure have none): `python -c EXPAND_EXEC prog args...`.
 * It execs the program, so that it is PID 1 and receives the container's signals.
 */
export const EXPAND_EXEC =
  'import os, sys; argv = [os.path.expandvars(a) for a in sys.argv[1:]]; os.execvp(argv[0], argv)';

/** A command as written by slim-py's own CMD (wrapper and venv paths removed). */
export function unwrapOwnCommand(argv: string[]): string[] {
  const inner = argv[1] === '-c' && argv[2] === EXPAND_EXEC ? argv.slice(3) : argv;
  return inner.map((a, i) => (i === 0 ? a.replace(/^\/opt\/venv\/bin\//, '') : a));
}

/** A file in its working folder that the command reads without naming it: gunicorn's config. */
export function readsUnnamed(argv: readonly string[], file: string): boolean {
  return (
    file === 'gunicorn.conf.py' &&
    argv[0] === 'gunicorn' &&
    !argv.some((a) => a === '-c' || a.startsWith('--config'))
  );
}
