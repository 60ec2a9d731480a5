import { shellWord } from './escape.js';
import { wrap } from './lines.js';

const words = (packages: string[]) => packages.map((p) => shellWord(p, 'the package name'));

/** hadolint DL3008/9/14/15: -y, no recommends, and the lists removed in the same RUN. */
export function aptInstall(packages: string[]): string[] {
  return [
    'apt-get update',
    wrap('apt-get install -y --no-install-recommends', words(packages)),
    'rm -rf /var/lib/apt/lists/*',
  ];
}

/**
 * apt only when one of the packages is missing: an image that has them all skips the index
 * download (half a minute). A failing install still fails the RUN.
 */
export function aptEnsure(packages: string[]): string {
  return `if ! dpkg -s ${words(packages).join(' ')} >/dev/null 2>&1; then \\\n        ${aptInstall(packages).join(' \\\n        && ')}; \\\n    fi`;
}

/**
 * Install, use and purge in ONE RUN: a purge in a later RUN only hides the files, the earlier
 * layer still ships them. --auto-remove also drops what they pulled in; libraries installed
 * explicitly before (the runtime ones) are marked manual and stay. The two *Important=false:
 * otherwise apt keeps gcc & co. because an installed package merely recommends or suggests them
 * (apt suggests dpkg-dev, which suggests gcc).
 */
export function aptTransient(packages: string[], use: string[]): string[] {
  return [
    'apt-get update',
    wrap('apt-get install -y --no-install-recommends', words(packages)),
    ...use,
    wrap(
      'apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false -o APT::AutoRemove::SuggestsImportant=false',
      words(packages),
    ),
    'rm -rf /var/lib/apt/lists/*',
  ];
}
