import type { Engine } from '../docker/engine.js';

/**
 * Cold import time of the app: a fresh interpreter per run (startup, site, the app's imports and
 * everything they pull in), timed from a parent Python in the same container, so no shell is
 * needed and container start-up is not counted. The median of the runs is reported.
 */
export const IMPORT_TIME_SCRIPT = `
import json, subprocess, sys, time
code = ";".join("import " + m for m in sys.argv[1].split(",") if m) or "pass"
runs = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code], capture_output=True)
    runs.append((time.perf_counter() - t) * 1000)
    if r.returncode:
        print(json.dumps({"error": r.stderr.decode(errors="replace")[-300:]}))
        sys.exit(1)
runs.sort()
print(json.dumps({"ms": runs[len(runs) // 2], "runs": runs}))
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

/** Median ms, or an Error with the import's stderr tail. */
export async function measureImportMs(engine: Engine, req: ImportTimeRequest): Promise<number> {
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
  let parsed: { ms?: number; error?: string } = {};
  try {
    parsed = JSON.parse(last) as typeof parsed;
  } catch {
    // fall through: the message below names what came back
  }
  if (typeof parsed.ms === 'number' && r.exitCode === 0) return parsed.ms;
  throw new Error(
    `import timing failed: ${parsed.error ?? (r.stderr.trim().slice(-300) || `exit ${r.exitCode}`)}`,
  );
}
