/**
 * The smoke test: a Python script run as `[python, '-c', SMOKE_SCRIPT, JSON args]` inside the
 * candidate image (no network, the image's own user, no shell needed). It imports the top-level
 * modules of every installed distribution — found from the installed metadata (top_level.txt, else
 * RECORD), not guessed from names — then the app's own modules, then checks that the entry command
 * can start (smoke-entry.ts). It prints one line: `SLIMPY_SMOKE {json}`.
 */
import { entryProbe } from './entry-probe.js';
import { SMOKE_ENTRY } from './smoke-entry.js';
import { withUsage } from './usage.js';

export interface SmokeArgs {
  appModules: string[];
  entry?: string[];
  workdir: string;
  /** Distributions not to import (the interpreter's own packaging). */
  exclude?: string[];
  /** Directories whose distributions belong to the OS Python, not the project. */
  systemDirs?: string[];
}

export interface SmokeFailure {
  module: string;
  error: string;
}

export interface SmokeResult {
  ok: boolean;
  failures: SmokeFailure[];
  imported: string[];
  /** Distributions whose modules were imported. */
  distributions: string[];
}

export const DEFAULT_EXCLUDE = ['pip', 'setuptools', 'wheel', 'distribute', 'pkg-resources', 'uv'];
export const DEFAULT_SYSTEM_DIRS = ['/usr/lib/python3/dist-packages'];
const MARKER = 'SLIMPY_SMOKE ';

export function smokeArgv(python: string, args: SmokeArgs): string[] {
  const probe = entryProbe(args.entry);
  const full = {
    exclude: DEFAULT_EXCLUDE,
    systemDirs: DEFAULT_SYSTEM_DIRS,
    ...args,
    ...(probe ? { entryProbe: probe } : {}),
  };
  return [python, '-c', SMOKE_PROGRAM, JSON.stringify(full)];
}

// Plain template text: keep backslashes out of it (none are needed), or they would be unescaped.
export const SMOKE_SCRIPT = `
import contextlib, importlib, importlib.metadata as md, importlib.util, json, os, re, shutil, sys, traceback
args = json.loads(sys.argv[1])
workdir = args.get("workdir") or os.getcwd()
if workdir not in sys.path: sys.path.insert(0, workdir)
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
exclude = {norm(n) for n in args.get("exclude", [])}
system = tuple(d.rstrip("/") + "/" for d in args.get("systemDirs", []))
SKIP_TOP = {"tests", "test", "testing", "docs", "examples", "benchmarks", "bin", "scripts", "__pycache__", ".."}
def tops(dist):
    text = dist.read_text("top_level.txt")
    if text:
        return [t.strip().replace("/", ".") for t in text.splitlines() if t.strip()]
    found = []
    for f in dist.files or []:
        parts = f.parts
        if not parts or parts[0] in SKIP_TOP or parts[0].endswith((".dist-info", ".egg-info", ".data")): continue
        first = parts[0]
        if len(parts) > 1: name = first
        elif first.endswith(".py"): name = first[:-3]
        elif first.endswith(".so") or first.endswith(".pyd"): name = first.split(".")[0]
        else: continue
        if name.isidentifier() and name not in found: found.append(name)
    return found
failures, imported, dists, seen = [], [], [], set()
def try_import(mod):
    if mod in seen: return
    seen.add(mod)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            importlib.import_module(mod)
        imported.append(mod)
    except BaseException as e:
        failures.append({"module": mod, "error": (type(e).__name__ + ": " + str(e)).strip()[:500]})
for dist in sorted(md.distributions(), key=lambda d: norm(d.metadata["Name"] or "")):
    name = dist.metadata["Name"] or ""
    where = str(getattr(dist, "_path", ""))
    if not name or norm(name) in exclude or (system and where.startswith(system)) or norm(name) in dists: continue
    dists.append(norm(name))
    for mod in tops(dist):
        if mod.split(".")[0] in SKIP_TOP or mod.startswith("_distutils"): continue
        try_import(mod)
for mod in args.get("appModules", []): try_import(mod)
${SMOKE_ENTRY}
entry = args.get("entry") or []
if entry: check_entry(entry, args.get("entryProbe") or {"kind": "program", "name": entry[0]})
print("${MARKER}" + json.dumps({"ok": not failures, "failures": failures, "imported": imported, "distributions": dists}), flush=True)
`;

/** Reads the script's output; a missing marker line (crash, wrong interpreter) is a failure. */
export function parseSmokeOutput(stdout: string, stderr: string, exitCode: number): SmokeResult {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(MARKER));
  if (line) {
    try {
      const r = JSON.parse(line.slice(MARKER.length)) as Partial<SmokeResult>;
      const failures = Array.isArray(r.failures) ? r.failures : [];
      return {
        ok: r.ok === true && failures.length === 0 && exitCode === 0,
        failures,
        imported: Array.isArray(r.imported) ? r.imported : [],
        distributions: Array.isArray(r.distributions) ? r.distributions : [],
      };
    } catch {
      // fall through: report as a crash
    }
  }
  const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-5).join('\n');
  return {
    ok: false,
    failures: [
      {
        module: '<python>',
        error: tail || `the smoke test exited with code ${exitCode} and printed nothing`,
      },
    ],
    imported: [],
    distributions: [],
  };
}

/**
 * The program the smoke container runs: what the smoke run used is recorded around it (usage.ts):
 * the floor and 'imports' bytecode. Its text is part of the key a recorded import list is kept
 * under, so a slim-py that records more (the entry's child, since 2026-12) records again.
 */
export const SMOKE_PROGRAM = withUsage(SMOKE_SCRIPT);
