import type { Engine } from '../docker/engine.js';

/**
 * Cold import time of the app: a fresh interpreter per run (startup, site, the app's imports and
 * everything they pull in), timed from a parent Python in the same container, so no shell is
 * needed and container start-up is not counted. Reported: the least CPU time of the runs (user +
 * system of the child) and the median wall time. The least, not the median: load beside the
 * container (the race builds other candidates, gzips their layers) only ever makes a run slower —
 * a busy sibling hyperthread or a cold cache adds CPU time too, not only wall time — so the fastest
 * run is the closest to the cost on an idle machine. Measured on wsgi-py313 with other work running
 * (8 containers × 5 runs each, closure): per-container medians 17.1–24.1 ms, minimums 14.9–21.0 ms.
 */
export const IMPORT_TIME_SCRIPT = `
import json, resource, subprocess, sys, time
code = ";".join("import " + m for m in sys.argv[1].split(",") if m) or "pass"
runs, cpu = [], []
def used():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
for _ in range(int(sys.argv[2])):
    c, t = used(), time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code], capture_output=True)
    runs.append((time.perf_counter() - t) * 1000)
    cpu.append((used() - c) * 1000)
    if r.returncode:
        print(json.dumps({"error": r.stderr.decode(errors="replace")[-300:]}))
        sys.exit(1)
runs.sort()
cpu.sort()
print(json.dumps({"ms": runs[len(runs) // 2], "cpuMs": cpu[0], "runs": runs, "cpu": cpu}))
`;

export interface ImportTimeRequest {
  image: string;
  python: string;
  workdir: string;
  modules: string[];
  runs: number;
  labels: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ImportTime {
  /** The least CPU ms (user + system) of the runs: the cold start as the race reports it. */
  cpuMs: number;
  /** Median wall ms: the same on an idle machine, inflated by whatever runs beside it. */
  wallMs: number;
}

/** The least CPU time and the median wall time, or an Error with the import's stderr tail. */
export async function measureImportMs(engine: Engine, req: ImportTimeRequest): Promise<ImportTime> {
  const r = await engine.run({
    image: req.image,
    argv: [req.python, '-c', IMPORT_TIME_SCRIPT, req.modules.join(','), String(req.runs)],
    network: 'none',
    labels: req.labels,
    timeoutMs: req.timeoutMs ?? 120_000,
    ...(req.workdir ? { workdir: req.workdir } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
  });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  let parsed: { ms?: number; cpuMs?: number; error?: string } = {};
  try {
    parsed = JSON.parse(last) as typeof parsed;
  } catch {
    // fall through: the message below names what came back
  }
  if (typeof parsed.ms === 'number' && typeof parsed.cpuMs === 'number' && r.exitCode === 0)
    return { cpuMs: parsed.cpuMs, wallMs: parsed.ms };
  throw new Error(
    `import timing failed: ${parsed.error ?? (r.stderr.trim().slice(-300) || `exit ${r.exitCode}`)}`,
  );
}
