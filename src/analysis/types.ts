export type Libc = 'glibc' | 'musl';
export type Arch = 'x86_64' | 'aarch64';

/**
 * What installing a dependency on a platform means. 'none': the index has neither a wheel that
 * fits nor an sdist to build, so pip cannot install it from there (a compiler would not help).
 */
export type Availability = 'pure' | 'wheel' | 'compile' | 'none' | 'unknown';

export interface SystemPackages {
  apt: string[];
  apk: string[];
}

export interface Verdict {
  name: string;
  glibc: Availability;
  musl: Availability;
  /** Needed in the builder when something compiles (headers, compilers, rust...). */
  buildPackages: SystemPackages;
  /** Needed at run time (shared libraries), also when a wheel is used unless the wheel vendors them. */
  runtimePackages: SystemPackages;
  reason: string;
  source: 'table' | 'index';
  /** Known traps worth telling the user (psycopg2 vs psycopg2-binary, pycrypto unmaintained...). */
  traps: string[];
  /** Set for a dependency of a dependency: who pulls it in, e.g. 'pandas' or 'uvicorn[standard]'. */
  via?: string;
  /** The --no-binary / --only-binary line that restricted it: `--no-binary numpy (requirements.txt:3)`. */
  formats?: string;
  /** The version judged: the pin, the lock, or the newest the index offers. */
  version?: string;
}

export interface Target {
  python: string; // '3.12'
  arch: Arch;
}

/** One file an index serves for a project. */
export interface IndexFile {
  filename: string;
  url: string;
  requiresPython?: string;
  yanked?: boolean;
}

/** Read access to a package index (PEP 691 JSON / PEP 503 HTML). */
export interface IndexClient {
  /** undefined = project not on the index; throws IndexUnavailable when the index cannot be reached. */
  files(name: string): Promise<IndexFile[] | undefined>;
  readonly url: string;
}
