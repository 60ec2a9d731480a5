/**
 * The entry part of the smoke script (smoke.ts puts it in): runs the EntryProbe (entry-probe.ts)
 * inside the image. Dry runs and imports happen in a child process, in the entry's working
 * folder, with the image's environment ($PORT expanded as the CMD would): what the server's own
 * loader would do at start, and the output when it fails. Plain template text: no backslashes.
 */
export const ENTRY_PROBE_TIMEOUT_S = 60;

export const SMOKE_ENTRY = `
def check_entry(entry, probe):
    import subprocess
    what = "entry: " + " ".join(entry)
    def fail(why): failures.append({"module": what, "error": why.strip()[-1500:]})
    def child(argv, env=None):
        try:
            # What the child imports counts as start-up imports too (usage.ts wraps every smoke run).
            r = subprocess.run(argv, cwd=workdir, env=_su_child_env(env or os.environ), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=${ENTRY_PROBE_TIMEOUT_S})
        except subprocess.TimeoutExpired:
            return fail(" ".join(argv) + " did not finish within ${ENTRY_PROBE_TIMEOUT_S} s")
        except OSError as e:
            return fail(" ".join(argv) + ": " + str(e))
        if r.returncode != 0:
            out = r.stdout.decode("utf-8", "replace").strip().splitlines()
            fail(" ".join(argv) + " exited with " + str(r.returncode) + ": " + chr(10).join(out[-15:]))
    kind = probe.get("kind")
    if kind == "run":
        argv = [os.path.expandvars(a) for a in probe["argv"]]
        if not os.path.isabs(argv[0]) and shutil.which(argv[0]) is None:
            return fail(argv[0] + " is not on PATH (" + os.environ.get("PATH", "") + ")")
        return child(argv)
    if kind == "import":
        if shutil.which(entry[0]) is None and not os.path.isabs(entry[0]):
            return fail(entry[0] + " is not on PATH (" + os.environ.get("PATH", "") + ")")
        code = "import importlib, sys; m, _, a = sys.argv[1].partition(':'); o = importlib.import_module(m); [o := getattr(o, p) for p in a.split('.') if p]"
        env = dict(os.environ)
        # Servers put their app folder (the working folder by default) first on sys.path.
        env["PYTHONPATH"] = os.pathsep.join([os.path.join(workdir, probe.get("appDir") or "."), env.get("PYTHONPATH", "")]).strip(os.pathsep)
        return child([sys.executable, "-c", code, probe["target"]], env)
    if kind == "file":
        path = os.path.join(workdir, probe["path"])
        if not os.path.isfile(path): return fail(probe["path"] + " not found in " + workdir)
        try:
            with open(path, "rb") as f: compile(f.read(), path, "exec")
        except SyntaxError as e:
            fail("SyntaxError: " + str(e))
        return
    if kind == "module":
        name = probe["name"]
        try:
            spec = importlib.util.find_spec(name)
        except BaseException as e:
            return fail(type(e).__name__ + ": " + str(e))
        if spec is None: return fail("no module named " + name)
        if spec.submodule_search_locations is not None and importlib.util.find_spec(name + ".__main__") is None:
            fail(name + " is a package without __main__.py: python -m " + name + " cannot run it")
        return
    exe = probe.get("name") or entry[0]
    if not os.path.isabs(exe) and shutil.which(exe) is None:
        return fail(exe + " is not on PATH (" + os.environ.get("PATH", "") + ")")
    if os.path.isabs(exe) and not os.access(exe, os.X_OK):
        return fail(exe + " does not exist or is not executable")
    # A console script: its entry point is loaded (its module imported), not called.
    name = os.path.basename(exe)
    eps = [e for e in md.entry_points(group="console_scripts") if e.name == name] if hasattr(md.entry_points(), "select") else []
    if eps:
        code = "import importlib.metadata as md, sys; [e.load() for e in md.entry_points(group='console_scripts') if e.name == sys.argv[1]]"
        child([sys.executable, "-c", code, name])
`;
