import type Docker from 'dockerode';

/**
 * Engine housekeeping the product never does: a cold start for the bench. Removing the builder
 * cache (BuildKit's cached steps and pulled base layers) is what makes the next build cold.
 */
export async function pruneBuildCache(docker: Docker): Promise<number> {
  const res = await new Promise<{ SpaceReclaimed?: number } | undefined>((resolve, reject) =>
    docker.modem.dial(
      { path: '/build/prune?all=true', method: 'POST', statusCodes: { 200: true, 500: 'prune failed' } },
      (err: unknown, data: unknown) =>
        err ? reject(err) : resolve(data as { SpaceReclaimed?: number } | undefined),
    ),
  );
  // dockerd 20.10 crashed once (nil ref in BuildKit's GetByBlob) on a pull right after a prune:
  // give its cache manager a moment to settle before the next build.
  await new Promise((r) => setTimeout(r, 3000));
  return res?.SpaceReclaimed ?? 0;
}

/** Dangling images a classic build left (a BuildKit build leaves none); ignores failures. */
export async function pruneDangling(docker: Docker): Promise<void> {
  await docker.pruneImages({ filters: { dangling: ['true'], label: ['slim-py'] } }).catch(() => undefined);
}
