/**
 * The Docker engine as the race sees it. One implementation talks to a real engine through
 * dockerode (dockerode-engine.ts); the race never imports dockerode.
 */

export type BuilderKind = 'buildkit' | 'classic';

/** Who answers the Docker API: Docker itself, or Podman's compatible service. */
export type EngineKind = 'docker' | 'podman';

export interface EngineInfo {
  /** Podman names itself in its version answer (a 'Podman Engine' component). */
  kind: EngineKind;
  /** What DOCKER_HOST points at, e.g. 'unix:///var/run/docker.sock', 'ssh://me@box', 'tcp://h:2376'. */
  host: string;
  /** The builder builds will use (BuildKit unless the engine lacks it or DOCKER_BUILDKIT=0; Podman: buildah, 'classic'). */
  builder: BuilderKind;
  serverVersion: string;
  apiVersion: string;
  os: string;
  arch: string;
  /** Whether the engine has its default 'bridge' network; without it builds need network 'host'. */
  bridge: boolean;
}

export type PipPhase = 'collecting' | 'downloading' | 'building-wheel' | 'installing';

export type BuildEvent =
  /** Base image pull: bytes summed over all layers seen so far. */
  | { type: 'pull'; ref?: string; current: number; total: number }
  /** A Dockerfile step started; `stage` is the stage name for multi-stage BuildKit builds. */
  | { type: 'step'; n: number; of: number; instruction: string; stage?: string }
  | { type: 'pip'; phase: PipPhase; detail: string }
  | { type: 'log'; line: string }
  | { type: 'built'; imageId: string; builder: BuilderKind }
  | { type: 'failed'; message: string; logTail: string[] };

export interface BuildOptions {
  /** A tar stream of the build context (see build-context.ts). */
  context: NodeJS.ReadableStream;
  /** Path of the Dockerfile inside the context. */
  dockerfile: string;
  tag: string;
  labels: Record<string, string>;
  buildArgs?: Record<string, string>;
  /** BuildKit secrets, id → content, for `RUN --mount=type=secret,id=...` (ignored by the classic builder). */
  secrets?: Record<string, string>;
  /** Network mode for RUN steps ('host' where the engine has no bridge). */
  network?: string;
  /** Ignore the builder cache (a cold build, as a first run on a new machine would be). */
  noCache?: boolean;
  signal?: AbortSignal;
  /** BuildKit steps to expect (countBuildkitSteps of the Dockerfile), for honest step numbers. */
  expectedSteps?: number;
}

export interface LayerInfo {
  sizeBytes: number;
  /** The instruction that made the layer, tidied ('RUN pip install ...', 'COPY . /app'). */
  createdBy: string;
}

export interface ImageInfo {
  id: string;
  sizeBytes: number;
  /** Filesystem layers (history entries with bytes), oldest first. */
  layers: LayerInfo[];
  /** Number of filesystem layers (RootFS.Layers). */
  layerCount: number;
  /** Content digests of the filesystem layers (RootFS.Layers): same list, same bytes. */
  diffIds: string[];
  /** Config.User, '' meaning root. */
  user: string;
  entrypoint: string[] | null;
  cmd: string[] | null;
  env: string[];
  workdir: string;
  labels: Record<string, string>;
}

export interface RunOptions {
  image: string;
  /** argv[0] becomes the Entrypoint, so no shell is needed in the image. */
  argv: string[];
  /** Undefined: the image's own USER. */
  user?: string;
  workdir?: string;
  network: string;
  labels: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Where a base image was found before any build: in the engine's store or in its registry (with the
 * digest when known), or why not. 'unchecked': the engine cannot look registries up; the build will.
 */
export type ImageResolution =
  | { found: 'local' | 'registry'; digest?: string }
  | { found: 'unchecked'; message: string }
  | { found: false; problem: 'missing' | 'denied' | 'unreachable'; message: string };

export interface LabelledObjects {
  containers: string[];
  images: string[];
}

export interface Engine {
  /** Pings the engine; throws a UserError when it cannot be reached or is too old. */
  connect(): Promise<EngineInfo>;
  build(opts: BuildOptions): AsyncIterable<BuildEvent>;
  inspectImage(ref: string): Promise<ImageInfo>;
  /** Finds an image without pulling it: the engine's store, else its registry (see ImageResolution). */
  resolveImage(ref: string): Promise<ImageResolution>;
  /**
   * Bytes a registry push would move: gzip-compressed layer tars, summed. `layers` (by layer name
   * in the save, see compressed-size.ts) is read and filled: a layer already in it is not gzipped again.
   */
  compressedSize(ref: string, layers?: Map<string, number>): Promise<number>;
  run(opts: RunOptions): Promise<RunResult>;
  /** The image's filesystem as a tar stream; the helper container goes away when the stream ends. */
  exportFiles(image: string, labels: Record<string, string>): Promise<NodeJS.ReadableStream>;
  /** `label` is 'key=value' or 'key'. */
  listByLabel(label: string): Promise<LabelledObjects>;
  /** Removes containers first, then images; missing ones are not an error. */
  removeByLabel(label: string): Promise<LabelledObjects>;
}
