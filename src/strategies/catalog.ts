import { UserError } from '../errors.js';
import { endOfLife } from '../project/python-eol.js';
import { clip, imageRefProblem } from './render/escape.js';
import type { BaseImage, Role } from './types.js';

/**
 * Where the official python images live for each Python (docker-library/python's versions.json):
 * the Debian release of `python:X.Y-trixie`/`-slim-trixie` and the newest Alpine tag. End-of-life
 * versions keep their last published tags, frozen (3.8.20 on bookworm, 3.9.25 on trixie).
 */
export interface PythonLine {
  debian: 'bookworm' | 'trixie';
  alpine: string;
  /** The last patch release published as official images, for a line that is no longer updated. */
  last?: string;
}

const CURRENT: PythonLine = { debian: 'trixie', alpine: '3.24' };
export const PYTHON_LINES: Readonly<Record<string, PythonLine>> = {
  '3.8': { debian: 'bookworm', alpine: '3.20', last: '3.8.20' },
  '3.9': { debian: 'trixie', alpine: '3.22', last: '3.9.25' },
  '3.10': CURRENT,
  '3.11': CURRENT,
  '3.12': CURRENT,
  '3.13': CURRENT,
  '3.14': CURRENT,
};

export function pythonLine(python: string): PythonLine {
  return PYTHON_LINES[python] ?? CURRENT;
}

/**
 * What the catalog adds about an end-of-life line on `today` (the date itself is python-eol.ts's,
 * the one table; the plan's Python warning says it): which frozen release its tags carry.
 * Undefined while the line is supported.
 */
export function pythonLineNote(python: string, today: Date): string | undefined {
  if (endOfLife(python, today) === undefined) return undefined;
  const line = PYTHON_LINES[python];
  if (!line?.last) return undefined;
  const debian = line.debian === 'bookworm' ? 'Debian 12' : 'Debian 13';
  return `the catalog's images for Python ${python} are its last: ${line.last} (${debian}, Alpine ${line.alpine}), never updated again`;
}

/**
 * Default base image per role. `{python}` is the project's major.minor; `{debian}` and `{alpine}`
 * come from PYTHON_LINES. Every tag is pinned to a Debian / Alpine release (hadolint DL3006/DL3007):
 * a floating `python:3.13` changes distro under you.
 */
export const CATALOG: Readonly<Record<Role, string>> = {
  full: 'python:{python}-{debian}',
  slim: 'python:{python}-slim-{debian}',
  alpine: 'python:{python}-alpine{alpine}',
  // The nonroot tag runs as uid 65532. Debian 13's distroless Python is 3.13, nothing else
  // (python3-debian12 was removed upstream in May 2026).
  distroless: 'gcr.io/distroless/python3-debian13:nonroot',
  // The distroless builder: Debian's own python3, so the venv's interpreter path (/usr/bin/python3.13)
  // exists in the distroless image too.
  debian: 'debian:13-slim',
};

export const ROLES: readonly Role[] = ['full', 'slim', 'alpine', 'distroless', 'debian'];

/** The Python 3 that each Debian release ships (its python3 package), by number and codename. */
const DEBIAN_PYTHON: Readonly<Record<string, { release: string; python: string }>> = {
  '12': { release: 'Debian 12', python: '3.11' },
  bookworm: { release: 'Debian 12', python: '3.11' },
  '13': { release: 'Debian 13', python: '3.13' },
  trixie: { release: 'Debian 13', python: '3.13' },
};

/** The Python of the catalog's distroless (and its Debian builder). */
export const DISTROLESS_PYTHON = '3.13';

export interface ShippedPython {
  release: string;
  python: string;
}

/**
 * The Python a distroless or plain Debian image carries at /usr/bin, read from its name
 * (`…/python3-debian13…`, `…debian:13-slim`, `…debian:trixie…`); undefined for names that say nothing.
 */
export function shippedPython(image: BaseImage): ShippedPython | undefined {
  const name = image.ref.split('@')[0] ?? '';
  const m =
    image.role === 'distroless'
      ? /python3-debian(\d+)/.exec(name)
      : image.role === 'debian'
        ? /(?:^|\/)debian:(\d+|bookworm|trixie)(?![\w.])/.exec(name)
        : null;
  return m?.[1] ? DEBIAN_PYTHON[m[1]] : undefined;
}

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
  const line = pythonLine(python);
  return ref
    .replaceAll('{python}', python)
    .replaceAll('{debian}', line.debian)
    .replaceAll('{alpine}', line.alpine);
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

const ROLE_HINT = `roles: ${ROLES.join(', ')}; e.g. --image slim=127.0.0.1:5000/python:{python}-slim-trixie`;

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
