import type { Engine, ImageResolution } from '../docker/engine.js';
import { parseImageRef } from '../docker/image-ref.js';
import { UserError } from '../errors.js';
import type { BaseImage, Candidate, Role } from '../strategies/types.js';

export interface RoleProblem {
  role: Role;
  image: BaseImage;
  /** One sentence: what is wrong with this role's image and the --image override that fixes it. */
  sentence: string;
}

export interface Preflight {
  /** The images with the digests the engine or registry reported (unchanged where none is known). */
  images: Record<Role, BaseImage>;
  problems: RoleProblem[];
}

/** The roles whose image some candidate starts FROM. */
export function rolesInUse(images: Record<Role, BaseImage>, candidates: readonly Candidate[]): Role[] {
  const bases = new Set(candidates.flatMap((c) => c.bases));
  return (Object.keys(images) as Role[]).filter((r) => bases.has(images[r].ref));
}

function sentence(image: BaseImage, r: Extract<ImageResolution, { found: false }>): string {
  const { registry } = parseImageRef(image.ref);
  const from = image.source === 'catalog' ? '' : ` (from ${image.source})`;
  const fix = `--image ${image.role}=REF`;
  const what = `the ${image.role} image ${image.ref}${from}`;
  if (r.problem === 'missing')
    return `${what} does not exist at ${registry} (${r.message}): name a published tag with ${fix}.`;
  if (r.problem === 'denied')
    return `${what} is refused by ${registry} (${r.message}): log in with docker login ${registry}, or use ${fix}.`;
  return `${what} cannot be fetched, ${registry} is unreachable from the engine (${r.message}): point ${fix} at a registry or mirror it can reach.`;
}

/**
 * Resolves every FROM image of the chosen candidates once, before anything is built: a missing tag
 * or an unreachable registry becomes one sentence per role instead of one BuildKit error per
 * candidate, and the digests found let the written Dockerfile pin what was raced.
 */
export async function preflightImages(
  engine: Engine,
  images: Record<Role, BaseImage>,
  candidates: readonly Candidate[],
): Promise<Preflight> {
  const roles = rolesInUse(images, candidates);
  const byRef = new Map<string, Promise<ImageResolution>>();
  for (const role of roles) {
    const { ref } = images[role];
    if (!byRef.has(ref)) byRef.set(ref, engine.resolveImage(ref));
  }
  const out = { ...images };
  const problems: RoleProblem[] = [];
  for (const role of roles) {
    const image = images[role];
    const r = await byRef.get(image.ref)!;
    if (r.found === false) problems.push({ role, image, sentence: sentence(image, r) });
    else if (r.found !== 'unchecked' && r.digest && !image.ref.includes('@'))
      out[role] = { ...image, digest: r.digest };
  }
  return { images: out, problems };
}

/** The problems as the one error the user sees: a line per role, then what to try. */
export function preflightError(problems: readonly RoleProblem[]): UserError {
  const what = problems.length === 1 ? 'a base image' : `${problems.length} base images`;
  return new UserError(
    `${what} cannot be used, nothing was built:`,
    '--image ROLE=REF on the command line, or [tool.slim-py.images] in pyproject.toml, points a role at another image (REF may contain {python})',
    undefined,
    problems.map((p) => p.sentence),
  );
}
