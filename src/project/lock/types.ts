import type { Source } from '../../errors.js';

/** An edge of the lock's graph: a package another one (or the project) needs. */
export interface LockEdge {
  name: string;
  /** PEP 508 marker under which it is needed; '' always. */
  marker: string;
  extras: string[];
}

export type LockOrigin =
  | { kind: 'index'; index?: string }
  | { kind: 'vcs'; url: string; commit: string }
  | { kind: 'path'; path: string }
  | { kind: 'url'; url: string }
  /** The project itself (uv's `virtual = "."` / `editable = "."`): installed on its own. */
  | { kind: 'project' };

/** One package as a lock file pins it. */
export interface LockNode {
  name: string;
  version: string;
  source: Source;
  /** `sha256:<hex>` of every file the lock allows for it. */
  hashes: string[];
  origin: LockOrigin;
  deps: LockEdge[];
  /** Its extras (uv optional-dependencies, Poetry extras): what `name[extra]` adds. */
  extras: Record<string, LockEdge[]>;
  /** uv forks one name per marker set: the markers this entry is for. */
  forks?: string[];
  /** Pipfile.lock / pdm.lock say per package which sections hold it. */
  sections?: string[];
}

export interface Lock {
  file: string;
  nodes: LockNode[];
  /** The lock lists the whole production set by itself (Pipfile.lock default, pdm groups). */
  sectioned: boolean;
}

/** What the image installs from a lock: every package the production set reaches, at its pin. */
export interface LockedInstall {
  file: string;
  packages: { node: LockNode; marker: string }[];
  /** Names an edge needs that the lock does not pin: then pip resolves them (no --no-deps). */
  missing: { name: string; neededBy: string }[];
}
