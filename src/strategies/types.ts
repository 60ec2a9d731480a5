import type { Verdict } from '../analysis/types.js';
import type { Project } from '../project/types.js';

export type BytecodePolicy = 'none' | 'imports' | 'all';

/** The bytecode policies, the default first. */
export const BYTECODE_POLICIES: readonly BytecodePolicy[] = ['imports', 'none', 'all'];

export type Role = 'full' | 'slim' | 'alpine' | 'distroless' | 'debian';

export type StrategyId =
  | 'full'
  | 'slim'
  | 'alpine'
  | 'multistage-venv'
  | 'multistage-wheels'
  | 'multistage-user'
  | 'multistage-alpine'
  | 'distroless'
  | 'closure';

export interface BaseImage {
  role: Role;
  ref: string;
  /** Where the ref came from: 'catalog', '--image', 'pyproject.toml:42'. */
  source: string;
  /** The manifest digest found before the race: FROM lines pin it (`ref@digest`). */
  digest?: string;
}

export interface NamedIndex {
  name: string;
  url: string;
  /** The build arg that carries the URL (never an ENV: it may hold credentials). */
  arg: string;
}

/** Answers the user gives (or flags give, or the analysis prefilled). */
export interface Options {
  python: string;
  /** The command the container runs (it may name $PORT); undefined: none found or given. */
  entry: string[] | undefined;
  /** The port the entry listens on: ENV PORT and EXPOSE. Undefined: not a network server. */
  port?: number;
  images: Record<Role, BaseImage>;
  indexUrl?: string;
  extraIndexUrls: string[];
  /** Named indexes packages are pinned to ([tool.uv.sources] index, Poetry source): each a build arg. */
  namedIndexes?: NamedIndex[];
  /** Extra system packages the user says are needed, beyond the verdicts. */
  buildPackages: { apt: string[]; apk: string[] };
  runtimePackages: { apt: string[]; apk: string[] };
  nonRoot: boolean;
  /**
   * 'none': PYTHONDONTWRITEBYTECODE and no .pyc; 'imports': .pyc for exactly the modules start-up
   * imports (recorded by the race, see render/bytecode.ts); 'all': pip compiles what it installs and
   * compileall compiles the app.
   */
  bytecode: BytecodePolicy;
  /** With 'imports': the module names the race recorded in this candidate's smoke test. */
  startupImports?: string[];
  trim: boolean;
  cacheMounts: boolean;
  /**
   * The builder the Dockerfile is for, when known: 'classic' has no RUN --mount, so an index
   * password travels as a build arg instead of a secret (see render/credentials.ts). Default BuildKit.
   */
  builder?: 'buildkit' | 'classic';
  /** `--network` for builds, shown in the build command (an engine without a bridge needs 'host'). */
  network?: string;
}

export interface Tradeoffs {
  size: string;
  buildTime: string;
  compatibility: string;
  security: string;
  debuggability: string;
}

export interface Candidate {
  id: StrategyId;
  title: string;
  applicable: boolean;
  /** Why it applies or why not. */
  reason: string;
  tradeoffs: Tradeoffs;
  /** What this strategy teaches, shown in the wizard on focus. */
  teaches: string;
  dockerfile: string;
  /** Base image refs it pulls (FROM lines). */
  bases: string[];
  /** The interpreter inside the final image that sees the installed packages ('/opt/venv/bin/python', 'python3'). */
  python: string;
  /** Where the app code lives in the image. */
  workdir: string;
  /** Files slim-py writes into the build context and beside the Dockerfile (slim-py.lock.txt). */
  files?: Record<string, string>;
  /** Build args the engine must pass (PIP_INDEX_URL...), so a private index never lands in ENV. */
  buildArgs?: Record<string, string>;
  /** The exact `docker build` for this Dockerfile, no password in it (render/build-command.ts). */
  buildCommand?: string;
  /** How an index password reaches pip: a BuildKit secret (netrc) or, on the classic builder, a build arg. */
  credentials?: 'secret' | 'build-arg';
  /** Uses `RUN --mount` (cache or bind mounts): the classic builder cannot build it. */
  needsBuildKit?: boolean;
  /** Forwards the ssh agent to the install RUN (git+ssh requirements): BuildKit on Docker only. */
  needsSsh?: boolean;
  /** Caveats worth showing next to the candidate (slow musl compiles, an unexpanded $PORT...). */
  warnings?: string[];
}

export interface PlanInput {
  project: Project;
  verdicts: Verdict[];
  options: Options;
}

export interface Strategy {
  id: StrategyId;
  title: string;
  teaches: string;
  plan(input: PlanInput): Candidate;
}
