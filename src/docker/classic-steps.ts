/**
 * Step lines of the two non-BuildKit build streams: Docker's classic builder numbers steps over
 * the whole Dockerfile ("Step 2/9 : RUN …"); buildah behind Podman's compatible API numbers them
 * per stage ("[1/2] STEP 2/3: RUN …", no prefix for one stage) and adds a LABEL step per label.
 */
export interface StepLine {
  /** Podman only (numbered per stage): which stage, 1-based, of how many. */
  stage?: { index: number; of: number };
  n: number;
  of: number;
  instruction: string;
}

const DOCKER_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const PODMAN_STEP = /^(?:\[(\d+)\/(\d+)\] )?STEP (\d+)\/(\d+): (.*)$/;

export function parseStepLine(line: string): StepLine | undefined {
  const d = DOCKER_STEP.exec(line);
  if (d) return { n: Number(d[1]), of: Number(d[2]), instruction: (d[3] ?? '').trim() };
  const p = PODMAN_STEP.exec(line);
  if (!p) return undefined;
  const stage = { index: Number(p[1] ?? 1), of: Number(p[2] ?? 1) };
  return { stage, n: Number(p[3]), of: Number(p[4]), instruction: (p[5] ?? '').trim() };
}

/** Lines of either stream that say nothing to a person: layer ids, commits, tags. */
export const CLASSIC_NOISE =
  /^( ---> |--> [0-9a-f]+$|(\[\d+\/\d+\] )?COMMIT |Removing intermediate container |Successfully built [0-9a-f]{12}$|Successfully tagged |[0-9a-f]{64}$)/;

/**
 * Podman's per-stage numbers as one count over the build, so a progress bar only moves forward:
 * steps seen so far of the steps announced so far (a later stage adds its own when it starts).
 * The stage is named by its `FROM … AS name`.
 */
export function createStageCounter() {
  let done = 0;
  let current: { index: number; of: number; name?: string } | undefined;
  let seen = 0;
  return (s: StepLine): { n: number; of: number; stage?: string } => {
    const index = s.stage?.index ?? 1;
    if (!current || current.index !== index) {
      if (current) done += current.of;
      const name = s.n === 1 ? /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(s.instruction)?.[1] : undefined;
      current = { index, of: s.of, ...(name ? { name } : {}) };
    }
    seen += 1;
    const of = Math.max(done + s.of, seen);
    return current.name ? { n: seen, of, stage: current.name } : { n: seen, of };
  };
}
