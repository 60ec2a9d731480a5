import { posix } from 'node:path';

/**
 * Which part of an image a file belongs to, by its path: what the floor's sources and the
 * "never touched" parts of a candidate are named after. Debian and the official images' layouts
 * (/usr/lib/python3.X, /usr/local/lib/python3.X) and any venv or user base alike.
 */
export type Area =
  | 'bytecode'
  | 'packages'
  | 'stdlib'
  | 'app'
  | 'toolchain'
  | 'locale'
  | 'docs'
  | 'zoneinfo'
  | 'package-manager'
  | 'shared'
  | 'programs'
  | 'other';

export interface Placed {
  area: Area;
  /** What names the file within its area: a package, a stdlib module, a folder. */
  group: string;
}

const PACKAGES = /\/(site|dist)-packages\/([^/]+)/;
const STDLIB = /^\/usr(?:\/local)?\/lib\/python3(?:\.\d+)?\/([^/]+)/;
const RULES: [RegExp, Area][] = [
  [
    /^\/usr\/(include|lib\/gcc|libexec\/gcc)\/|\.a$|^\/usr\/bin\/([\w-]+-)?(gcc|g\+\+|cpp|cc1\w*|as|ld(\.\w+)?)(-\d+)?$/,
    'toolchain',
  ],
  [/^\/usr\/(share|lib)\/locale\/|^\/usr\/share\/i18n\/|\/gconv\//, 'locale'],
  [/^\/usr\/share\/(doc|man|info|lintian)\//, 'docs'],
  [/^\/usr\/share\/zoneinfo\//, 'zoneinfo'],
  [
    /^\/var\/(lib\/(dpkg|apt)|cache|log)\/|^\/usr\/lib\/apt\/|^\/usr\/bin\/(dpkg|apt)|perl/,
    'package-manager',
  ],
  [/\.so(\.[\d.]+)?$/, 'shared'],
  [/^\/(usr\/)?(local\/)?s?bin\//, 'programs'],
];

export function placeFile(path: string, workdir: string): Placed {
  if (path.endsWith('.pyc') || path.includes('/__pycache__/')) return { area: 'bytecode', group: '' };
  const pkg = PACKAGES.exec(path);
  if (pkg) return { area: 'packages', group: (pkg[2] ?? '').replace(/(-[\d.]+.*)?\.(dist|egg)-info$/, '') };
  const app = workdir && workdir !== '/' ? `${posix.normalize(workdir)}/` : undefined;
  if (app && path.startsWith(app)) return { area: 'app', group: path.slice(app.length).split('/')[0] ?? '' };
  const std = STDLIB.exec(path);
  if (std) return { area: 'stdlib', group: (std[1] ?? '').replace(/\.py$/, '') };
  for (const [re, area] of RULES) if (re.test(path)) return { area, group: posix.basename(path) };
  return { area: 'other', group: path.split('/').slice(0, 3).join('/') };
}
