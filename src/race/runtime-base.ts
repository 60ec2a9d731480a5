import type { Engine } from '../docker/engine.js';

export type RuntimeBase = { ref: string; sizeBytes: number; layerCount: number } | 'scratch';

/** The image the last stage starts FROM ('scratch', a ref, or an earlier stage's name). */
export function lastFrom(dockerfile: string): string | undefined {
  const froms = [...dockerfile.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)];
  return froms.at(-1)?.[1];
}

/**
 * The runtime base as the engine has it, for the floor. Undefined when the base is not in the
 * engine's image store (BuildKit may have pulled it into its own cache only): no floor then.
 */
export async function inspectRuntimeBase(
  engine: Engine,
  dockerfile: string,
): Promise<RuntimeBase | undefined> {
  const ref = lastFrom(dockerfile);
  if (!ref) return undefined;
  if (ref.toLowerCase() === 'scratch') return 'scratch';
  try {
    const info = await engine.inspectImage(ref);
    return { ref, sizeBytes: info.sizeBytes, layerCount: info.layers.length };
  } catch {
    return undefined;
  }
}
