import { UserError } from '../errors.js';
import { clip, imageRefProblem } from './render/escape.js';
import type { BaseImage, Role } from './types.js';

/**
 * Default base image per role. `{python}` is the project's major.minor. Every tag is pinned to a
 * Debian / Alpine release (hadolint DL3006/DL3007): a floating `python:3.12` changes distro under you.
 */
export const CATALOG: Readonly<Record<Role, string>> = {
  full: 'python:{python}-bookworm',
  slim: 'python:{python}-slim-bookworm',
  alpine: 'python:{python}-alpine3.20',
  // The nonroot tag runs as uid 65532. Debian 12's distroless Python is 3.11, nothing else.
  distroless: 'gcr.io/distroless/python3-debian12:nonroot',
  // The distroless builder: Debian's own python3, so the venv's interpreter path (/usr/bin/python3.11)
  // exists in the distroless image too.
  debian: 'debian:12-slim',
};

export const ROLES: readonly Role[] = ['full', 'slim', 'alpine', 'distroless', 'debian'];

/** The Python that the catalog's distroless and debian images ship. */
export const DISTROLESS_PYTHON = '3.11';

export interface ImageOverride {
  role: Role;
  /** May contain `{python}`. */
  ref: string;
  /** '--image', 'pyproject.toml:42'. */
  source: string;
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export function templateRef(ref: string, python: string): string {
  return ref.replaceAll('{python}', python);
}

/** Catalog defaults, then overrides in order (later wins: pass pyproject ones before CLI flags). */
export function resolveImages(
  python: string,
  overrides: readonly ImageOverride[] = [],
): Record<Role, BaseImage> {
  const images = {} as Record<Role, BaseImage>;
  for (const role of ROLES)
    images[role] = { role, ref: templateRef(CATALOG[role], python), source: 'catalog' };
  for (const o of overrides)
    images[o.role] = { role: o.role, ref: templateRef(o.ref, python), source: o.source };
  return images;
}

const ROLE_HINT = `roles: ${ROLES.join(', ')}; e.g. --image slim=127.0.0.1:5000/python:{python}-slim`;

/**
 * Checks an image reference by the distribution grammar (the same one the engine applies), with
 * `{python}` standing for a version: upper case, spaces or a bad tag are refused here with where
 * they came from, rather than by the engine in the middle of a race.
 */
export function checkRef(ref: string, what: string, where?: { file: string; line?: number }): string {
  const trimmed = ref.trim();
  const problem = imageRefProblem(templateRef(trimmed, '3.12'));
  if (problem) {
    throw new UserError(
      `${what}: image reference ${JSON.stringify(clip(ref))} ${problem}`,
      `use NAME[:TAG] or NAME@sha256:DIGEST in lower case, optionally with {python} for the Python version; ${ROLE_HINT}`,
      where,
    );
  }
  return trimmed;
}

/** `--image ROLE=REF` → an override. */
export function parseImageFlag(flag: string, source = '--image'): ImageOverride {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UserError(`--image ${JSON.stringify(flag)} is not ROLE=REF`, ROLE_HINT);
  const role = flag.slice(0, eq).trim();
  if (!isRole(role)) throw new UserError(`--image: unknown role ${JSON.stringify(role)}`, ROLE_HINT);
  return { role, ref: checkRef(flag.slice(eq + 1), `--image ${role}`), source };
}
