import type { EngineInfo } from '../docker/engine.js';
import type { Candidate, StrategyId } from '../strategies/types.js';

/** The candidates an engine can build, and what it does differently, known before the race starts. */
export interface EngineFit {
  candidates: Candidate[];
  /** Left out, with why: the race would only find out mid-build. */
  skipped: { id: StrategyId; reason: string }[];
  /** One sentence on what this engine cannot do that BuildKit on Docker does. */
  note?: string;
}

type Info = Pick<EngineInfo, 'kind' | 'builder' | 'serverVersion'>;

/**
 * Podman 4.3's compatible API (buildah) builds `RUN --mount` cache and bind mounts, skips unused
 * stages and knows TARGETARCH (each checked on a real service); it does not run stages in
 * parallel, counts no pull bytes, and keeps its layer cache in the labelled images the race
 * removes. Docker's classic builder refuses `RUN --mount` ("the --mount option requires BuildKit").
 */
export function fitEngine(candidates: Candidate[], info: Info): EngineFit {
  if (info.kind === 'podman') {
    const ssh =
      "Podman's Docker-compatible build API forwards no ssh agent, which the git+ssh requirements need: build it with podman build --ssh default";
    return {
      candidates: candidates.filter((c) => !c.needsSsh),
      skipped: candidates.filter((c) => c.needsSsh).map((c) => ({ id: c.id, reason: ssh })),
      note: `Podman ${info.serverVersion} builds with buildah, not BuildKit: stages build one after another, pulls show no byte counts, and the build cache goes with this race's labelled images, so every race builds cold.`,
    };
  }
  if (info.builder !== 'classic') return { candidates, skipped: [] };
  const classic = 'only BuildKit builds RUN --mount, and this engine builds with the classic builder';
  return {
    candidates: candidates.filter((c) => !c.needsBuildKit),
    skipped: candidates
      .filter((c) => c.needsBuildKit)
      .map((c) => ({
        id: c.id,
        reason: c.needsSsh ? `${classic}; the git+ssh requirements need its ssh forwarding` : classic,
      })),
    note: 'The engine builds with the classic builder (DOCKER_BUILDKIT=0, or no BuildKit): stages build one after another and candidates that use RUN --mount are left out.',
  };
}
