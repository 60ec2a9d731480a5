/**
 * What the running app really uses, recorded inside the smoke container (no shell, no tools: the
 * interpreter reads its own state): the interpreter and libpython, every module in sys.modules,
 * every file mapped into the process (/proc/self/maps: C extensions, system libraries, locale
 * data) and every file opened through Python (an audit hook: zoneinfo, certificates, package
 * data). Two Python snippets wrap the smoke script; the result is one `SLIMPY_USAGE {json}` line.
 *
 * The entry's dry run (`gunicorn --check-config`, a console script's entry point) runs in a child
 * process: what the real start imports beyond the smoke script's own imports (gunicorn.arbiter,
 * logging, argparse: ~100 modules for a gunicorn app) is only in the child's sys.modules. The
 * parent hands the child a recorder through PYTHONPATH (`_su_child_env`): a sitecustomize that
 * notes the child's modules at exit into a folder the report reads, then runs the image's own
 * sitecustomize as if ours were not there. A child that ignores PYTHONPATH (-I, -E) just is not
 * recorded.
 *
 * Not seen: files a C library opens and closes again by itself (OpenSSL's config, for one). They
 * count as untouched, so the floor can only be on the low side by those.
 */

export type UsedKind = 'interpreter' | 'module' | 'bytecode' | 'shared' | 'data';

export interface UsedFile {
  /** Real path inside the image (symlinks resolved). */
  path: string;
  bytes: number;
  kind: UsedKind;
}

export interface Usage {
  /** The interpreter's real path. */
  python: string;
  /** Names of the imported modules that came from a .py source (what 'imports' bytecode compiles). */
  modules: string[];
  files: UsedFile[];
}

const MARKER = 'SLIMPY_USAGE ';

/** Runs first: every later open() through Python is noted (metadata reads of the harness aside). */
export const USAGE_PRELUDE = `
import os as _su_os, sys as _su_sys
_su_opened = set()
def _su_audit(event, args):
    if event == "open" and args and isinstance(args[0], str):
        _su_opened.add(_su_os.path.abspath(args[0]))
_su_sys.addaudithook(_su_audit)
_su_children = []
def _su_child_env(env):
    try:
        d = _su_os.path.join(_su_os.environ.get("TMPDIR") or "/tmp", "slimpy-usage-" + str(_su_os.getpid()))
        if not _su_children:
            _su_os.mkdir(d, 0o700)
            with open(_su_os.path.join(d, "sitecustomize.py"), "w") as f: f.write(_SU_RECORDER)
            _su_children.append(d)
    except OSError:
        return env
    env = dict(env)
    env["SLIMPY_USAGE_DIR"] = d
    env["PYTHONPATH"] = _su_os.pathsep.join([d, env.get("PYTHONPATH", "")]).strip(_su_os.pathsep)
    return env
_SU_RECORDER = '''
import atexit, os, sys
_here = os.path.dirname(os.path.abspath(__file__))
def _slimpy_modules():
    seen = [[n, getattr(m, "__file__", None), getattr(m, "__cached__", None)] for n, m in list(sys.modules.items())]
    try:
        import json
        with open(os.path.join(os.environ["SLIMPY_USAGE_DIR"], "modules-" + str(os.getpid()) + ".json"), "w") as f:
            json.dump([s for s in seen if isinstance(s[1], str)], f)
    except Exception:
        pass
atexit.register(_slimpy_modules)
# The image's own sitecustomize, which ours shadows on sys.path: run it as site would have.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
_ours = sys.modules.pop("sitecustomize", None)
try:
    import sitecustomize
except ModuleNotFoundError as e:
    if e.name != "sitecustomize": raise
    if _ours is not None: sys.modules["sitecustomize"] = _ours
'''
`;

// Plain template text: keep backslashes out of it (none are needed), or they would be unescaped.
/** Runs last: resolves, sizes and classifies everything seen, prints one line. */
export const USAGE_EPILOGUE = `
def _su_report():
    import json, os, shutil, stat, sys
    files = {}
    def add(p, kind):
        try:
            real = os.path.realpath(p)
            st = os.stat(real)
        except (OSError, ValueError):
            return
        if stat.S_ISREG(st.st_mode) and not real.startswith(("/proc/", "/sys/", "/dev/")):
            files.setdefault(real, [real, st.st_size, kind])
    exe = os.path.realpath(sys.executable)
    add(exe, "interpreter")
    maps = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split(None, 5)
                if len(parts) == 6 and parts[5].startswith("/"):
                    maps.append(parts[5].strip())
    except OSError:
        pass
    for p in maps:
        if os.path.basename(p).startswith("libpython"): add(p, "interpreter")
    loaded = [[n, getattr(m, "__file__", None), getattr(m, "__cached__", None)] for n, m in list(sys.modules.items())]
    for d in _su_children:
        for p in sorted(os.listdir(d)):
            if p.startswith("modules-"):
                with open(os.path.join(d, p)) as f: loaded.extend(json.load(f))
        shutil.rmtree(d, ignore_errors=True)
    modules = set()
    for name, f, cached in loaded:
        if not isinstance(f, str): continue
        if f.endswith(".py"):
            modules.add(name)
            add(f, "module")
            # Modules imported before the audit hook (site, encodings...) still ran from their .pyc.
            if isinstance(cached, str) and os.path.isfile(cached): add(cached, "bytecode")
        else:
            add(f, "shared" if ".so" in os.path.basename(f) else "module")
    for p in maps: add(p, "shared" if ".so" in os.path.basename(p) else "data")
    for p in sorted(_su_opened):
        if ".dist-info/" in p or ".egg-info/" in p: continue
        add(p, "bytecode" if p.endswith(".pyc") else "module" if p.endswith(".py") else "data")
    print("${MARKER}" + json.dumps({"python": exe, "modules": sorted(modules), "files": list(files.values())}), flush=True)
try:
    _su_report()
except BaseException as _su_e:
    import json as _su_json
    print("${MARKER}" + _su_json.dumps({"error": repr(_su_e)[:300]}), flush=True)
`;

/** Wraps a script so that it records what it used. */
export function withUsage(script: string): string {
  return `${USAGE_PRELUDE}${script}${USAGE_EPILOGUE}`;
}

const KINDS = new Set<UsedKind>(['interpreter', 'module', 'bytecode', 'shared', 'data']);

/** The usage line of a run, or undefined (an older script, a crash before the end). */
export function parseUsage(stdout: string): Usage | undefined {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(MARKER));
  if (!line) return undefined;
  try {
    const raw = JSON.parse(line.slice(MARKER.length)) as {
      python?: unknown;
      modules?: unknown;
      files?: unknown;
    };
    if (typeof raw.python !== 'string' || !Array.isArray(raw.files)) return undefined;
    const files: UsedFile[] = [];
    for (const f of raw.files) {
      if (!Array.isArray(f)) continue;
      const [path, bytes, kind] = f as unknown[];
      if (typeof path === 'string' && typeof bytes === 'number' && KINDS.has(kind as UsedKind))
        files.push({ path, bytes, kind: kind as UsedKind });
    }
    const modules = Array.isArray(raw.modules)
      ? raw.modules.filter((m): m is string => typeof m === 'string')
      : [];
    return { python: raw.python, modules, files };
  } catch {
    return undefined;
  }
}
