import { normalizeName } from '../project/normalize.js';

export interface WheelName {
  kind: 'wheel';
  name: string;
  version: string;
  pythons: string[];
  abis: string[];
  platforms: string[];
}

export interface SdistName {
  kind: 'sdist';
  name: string;
  version: string;
}

const SDIST_EXT = /\.(tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar|zip)$/i;

/** `name-ver(-build)?-py-abi-plat.whl`, each tag possibly a `.`-joined set. */
export function parseWheelName(filename: string): WheelName | undefined {
  if (!filename.toLowerCase().endsWith('.whl')) return undefined;
  const parts = filename.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [name, version] = parts as [string, string];
  const [py, abi, plat] = parts.slice(-3) as [string, string, string];
  return {
    kind: 'wheel',
    name: normalizeName(name),
    version: version.replace(/_/g, '-'),
    pythons: py.toLowerCase().split('.'),
    abis: abi.toLowerCase().split('.'),
    platforms: plat.toLowerCase().split('.'),
  };
}

/**
 * `name-version.tar.gz` (or .zip...). Old sdists keep `-` in the name (python-ldap-3.4.4), so when
 * the project is known we cut its normalised name off the front; otherwise at the last `-`.
 */
export function parseSdistName(filename: string, project?: string): SdistName | undefined {
  const ext = SDIST_EXT.exec(filename);
  if (!ext) return undefined;
  const stem = filename.slice(0, ext.index);
  if (project) {
    const want = normalizeName(project);
    for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
      if (normalizeName(stem.slice(0, i)) === want)
        return { kind: 'sdist', name: want, version: stem.slice(i + 1) };
    }
  }
  const cut = stem.search(/-\d[^-]*$/);
  if (cut <= 0) return undefined;
  return { kind: 'sdist', name: normalizeName(stem.slice(0, cut)), version: stem.slice(cut + 1) };
}
