import { posix } from 'node:path';
import { sonamePackages } from '../analysis/soname-packages.js';
import type { PackageFamily } from '../analysis/system-packages.js';
import type { ElfDynamic } from './elf.js';
import { type ImageFs, isFile, resolvePath, scanImageTar } from './image-fs.js';

/**
 * Runtime-library audit without running anything in the image: every shared object of the
 * installed Python packages (and, transitively, every library they load) must find each DT_NEEDED
 * soname the way ld.so would: RPATH/RUNPATH (with $ORIGIN), LD_LIBRARY_PATH, ld.so.conf dirs,
 * the default dirs.
 */
export interface MissingLibrary {
  soname: string;
  /** Absolute path of the first object (sorted) that needs it. */
  neededBy: string;
  /** The distribution package that provides it, when known (e.g. libpq5). */
  package?: string;
}

export interface AuditResult {
  missing: MissingLibrary[];
  /** Shared objects found under site-packages/dist-packages. */
  checked: number;
  /** /bin/sh resolves to a file. */
  hasShell: boolean;
  family: PackageFamily;
}

export interface AuditOptions {
  /** LD_LIBRARY_PATH from the image's env, if set. */
  ldLibraryPath?: string;
}

const PY_PACKAGES = /\/(site|dist)-packages\//;

const DEFAULT_DIRS: Record<number, string[]> = {
  62: ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64'],
  183: ['/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib64', '/usr/lib64'],
};
const COMMON_DIRS = ['/lib', '/usr/lib', '/usr/local/lib'];

export async function auditImageTar(
  tar: NodeJS.ReadableStream,
  opts: AuditOptions = {},
): Promise<AuditResult> {
  return auditLibraries(await scanImageTar(tar), opts);
}

export function auditLibraries(fs: ImageFs, opts: AuditOptions = {}): AuditResult {
  const family = isFile(fs, '/etc/alpine-release') || fs.entries.has('/lib/apk/db/installed') ? 'apk' : 'apt';
  const confDirs = loaderConfDirs(fs);
  const envDirs = (opts.ldLibraryPath ?? '').split(':').filter((d) => d.startsWith('/'));
  const roots = [...fs.elf.keys()].filter((p) => PY_PACKAGES.test(p)).sort();

  const missing = new Map<string, MissingLibrary>();
  const seen = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    const dyn = fs.elf.get(path) as ElfDynamic;
    for (const soname of dyn.needed) {
      const found = findLibrary(fs, path, dyn, soname, envDirs, confDirs);
      if (found === undefined) {
        if (!missing.has(soname)) {
          const pkg = sonamePackages(soname)?.[family][0];
          missing.set(soname, pkg ? { soname, neededBy: path, package: pkg } : { soname, neededBy: path });
        }
      } else if (!seen.has(found) && fs.elf.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return { missing: [...missing.values()], checked: roots.length, hasShell: isFile(fs, '/bin/sh'), family };
}

/** Real path of the library ld.so would load, or undefined. */
export function findLibrary(
  fs: ImageFs,
  from: string,
  dyn: ElfDynamic,
  soname: string,
  envDirs: string[],
  confDirs: string[],
): string | undefined {
  const origin = posix.dirname(from);
  if (soname.includes('/')) return accept(fs, posix.resolve(origin, soname), dyn);
  const expand = (d: string) => d.replace(/\$\{ORIGIN\}|\$ORIGIN/g, origin);
  const dirs = [
    ...(dyn.runpath.length === 0 ? dyn.rpath.map(expand) : []),
    ...envDirs,
    ...dyn.runpath.map(expand),
    ...confDirs,
    ...(DEFAULT_DIRS[dyn.machine] ?? []),
    ...COMMON_DIRS,
  ];
  for (const dir of dirs) {
    const hit = accept(fs, posix.join(dir, soname), dyn);
    if (hit) return hit;
  }
  return undefined;
}

/** ld.so skips a library of another architecture and keeps searching. */
function accept(fs: ImageFs, path: string, from: ElfDynamic): string | undefined {
  const real = resolvePath(fs, path);
  if (!real) return undefined;
  const t = fs.entries.get(real)?.type;
  if (t !== 'file' && t !== 'link') return undefined;
  const lib = fs.elf.get(real);
  if (lib && (lib.machine !== from.machine || lib.bits !== from.bits)) return undefined;
  return real;
}

/** Directories from /etc/ld.so.conf(.d) (glibc) or /etc/ld-musl-ARCH.path (musl). */
function loaderConfDirs(fs: ImageFs): string[] {
  const dirs: string[] = [];
  const keys = [...fs.texts.keys()].sort();
  for (const key of keys) {
    for (const raw of (fs.texts.get(key) ?? '').split(/[\n:]/)) {
      const line = raw.replace(/#.*/, '').trim();
      if (line.startsWith('/')) dirs.push(line);
    }
  }
  return dirs;
}
