import type { SystemPackages } from './types.js';

/** Debian (apt) or Alpine (apk): the two package families every table names. */
export type PackageFamily = keyof SystemPackages;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * The one shape of an apt/apk pair in the knowledge tables (packages, headers, sonames):
 * space-separated lists, '' where that family has no such package.
 */
export const pkgs = (apt: string, apk: string): SystemPackages => ({ apt: words(apt), apk: words(apk) });
