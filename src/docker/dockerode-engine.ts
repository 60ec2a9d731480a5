import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { compressedSizeOfSave } from './compressed-size.js';
import { createDocker } from './docker-client.js';
import { canUseBuildkit, dockerHost, engineKind } from './docker-host.js';
import { runContainer } from './dockerode-run.js';
import type {
  BuildEvent,
  BuilderKind,
  BuildOptions,
  Engine,
  EngineInfo,
  ImageInfo,
  ImageResolution,
  LabelledObjects,
  RunOptions,
  RunResult,
} from './engine.js';
import { apiTooOld, certPathError, engineConnectionError } from './errors.js';
import { type HistoryEntry, layersFromHistory } from './history.js';
import { JsonLineSplitter } from './json-lines.js';
import { createBuildParser } from './progress.js';
import { resolveImage } from './resolve-image.js';
import { dialSession } from './session-dial.js';

/**
 * The Engine on a real Docker engine (or Podman's compatible API) via dockerode 5, made for
 * DOCKER_HOST (unix, tcp, ssh), DOCKER_TLS_VERIFY and DOCKER_CERT_PATH by docker-client.ts.
 */
export class DockerodeEngine implements Engine {
  readonly docker: Docker;
  readonly host: string;
  private builder: BuilderKind = 'classic';
  private info: EngineInfo | undefined;
  /** Compressed layer sizes, by layer name in `docker save` (see compressed-size.ts). */
  private readonly layerCache: Map<string, number>;

  /** `layerCache` may be shared or persisted by the caller so base layers are compressed once. */
  constructor(docker?: Docker, opts: { layerCache?: Map<string, number> } = {}) {
    this.layerCache = opts.layerCache ?? new Map();
    this.host = dockerHost();
    try {
      this.docker = docker ?? createDocker();
    } catch (e) {
      throw certPathError(e);
    }
  }

  async connect(): Promise<EngineInfo> {
    if (this.info) return this.info;
    let v: Docker.DockerVersion;
    try {
      v = await this.docker.version();
    } catch (e) {
      throw engineConnectionError(e, this.host);
    }
    const tooOld = apiTooOld(v.ApiVersion, v.Version);
    if (tooOld) throw tooOld;
    const kind = engineKind(v as { Components?: { Name?: string }[] });
    // Podman builds through buildah: its API has no BuildKit session to probe.
    const buildkit = kind === 'docker' && canUseBuildkit(v.ApiVersion, v.Os) && (await this.sessionWorks());
    this.builder = buildkit ? 'buildkit' : 'classic';
    // dockerd --bridge=none (rootless setups, CI sandboxes) has no default network for RUN steps.
    const bridges = await this.docker.listNetworks({ filters: { name: ['bridge'] } }).catch(() => []);
    this.info = {
      kind,
      host: this.host,
      builder: this.builder,
      serverVersion: v.Version,
      apiVersion: v.ApiVersion,
      os: v.Os,
      arch: v.Arch,
      bridge: bridges.some((n) => n.Name === 'bridge'),
    };
    return this.info;
  }

  /** BuildKit needs the /session endpoint (hijacked h2c); some engines and proxies lack it. */
  private sessionWorks(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 5000);
      dialSession(this.docker, randomUUID(), 'slim-py-probe', [], (err, socket) => {
        clearTimeout(timer);
        (socket as { destroy?: () => void } | undefined)?.destroy?.();
        resolve(!err);
      });
    });
  }

  async *build(opts: BuildOptions): AsyncGenerator<BuildEvent> {
    if (!this.info) await this.connect();
    const parser = createBuildParser(
      this.builder,
      opts.expectedSteps !== undefined ? { expectedSteps: opts.expectedSteps } : {},
    );
    const splitter = new JsonLineSplitter();
    let streamError: Error | undefined;
    let session: { close(): void } | undefined;
    try {
      const query = {
        t: opts.tag,
        dockerfile: opts.dockerfile,
        labels: opts.labels,
        buildargs: opts.buildArgs ?? {},
        ...(opts.network ? { networkmode: opts.network } : {}),
        forcerm: true,
        ...(opts.noCache ? { nocache: true } : {}),
        rm: true,
      };
      let stream: NodeJS.ReadableStream;
      if (this.builder === 'buildkit') {
        // Our own session (not dockerode's): it also serves the build's secrets. Loaded here, not at
        // start-up: gRPC and its proto loader cost every command ~170 ms that only a build needs.
        const { openBuildSession } = await import('./build-session.js');
        const s = await openBuildSession(this.docker, opts.secrets ?? {});
        session = s;
        stream = await this.dialBuild(opts, { ...query, version: '2', session: s.id });
      } else {
        stream = await this.docker.buildImage(opts.context, {
          ...query,
          version: '1',
          ...(opts.signal ? { abortSignal: opts.signal } : {}),
        });
      }
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (const msg of splitter.push(chunk.toString('utf8'))) yield* parser.push(msg);
      }
      for (const msg of splitter.flush()) yield* parser.push(msg);
    } catch (e) {
      const err = engineConnectionError(e, this.host);
      streamError = err instanceof Error ? err : new Error(String(err));
    } finally {
      session?.close();
    }
    if (opts.signal?.aborted && !streamError) streamError = new Error('the build was cancelled');
    yield parser.end(streamError);
  }

  /** POST /build with the context as the body, as dockerode's buildImage does, minus its session. */
  private dialBuild(opts: BuildOptions, query: Record<string, unknown>): Promise<NodeJS.ReadableStream> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          file: opts.context,
          options: query,
          isStream: true,
          ...(opts.signal ? { abortSignal: opts.signal } : {}),
          statusCodes: { 200: true, 500: 'server error' },
        },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      );
    });
  }

  async inspectImage(ref: string): Promise<ImageInfo> {
    const image = this.docker.getImage(ref);
    const [info, history] = await Promise.all([image.inspect(), image.history() as Promise<HistoryEntry[]>]);
    const c = info.Config;
    return {
      id: info.Id,
      sizeBytes: info.Size,
      layers: layersFromHistory(history),
      layerCount: info.RootFS?.Layers?.length ?? 0,
      diffIds: info.RootFS?.Layers ?? [],
      user: c.User ?? '',
      entrypoint: (c.Entrypoint as string[] | null | undefined) ?? null,
      cmd: (c.Cmd as string[] | null | undefined) ?? null,
      env: c.Env ?? [],
      workdir: c.WorkingDir ?? '',
      labels: c.Labels ?? {},
    };
  }

  resolveImage(ref: string): Promise<ImageResolution> {
    return resolveImage(this.docker, ref, /^(unix|npipe):/.test(this.host));
  }

  async compressedSize(ref: string, layers?: Map<string, number>): Promise<number> {
    const save = await this.docker.getImage(ref).get();
    return compressedSizeOfSave(save, layers ?? this.layerCache);
  }

  run(opts: RunOptions): Promise<RunResult> {
    return runContainer(this.docker, opts);
  }

  async exportFiles(image: string, labels: Record<string, string>): Promise<NodeJS.ReadableStream> {
    // Never started, so the entrypoint need not exist (scratch and distroless images work).
    const c = await this.docker.createContainer({
      Image: image,
      Entrypoint: ['/slim-py-export'],
      Cmd: [],
      Labels: labels,
      NetworkDisabled: true,
    });
    let stream: NodeJS.ReadableStream;
    try {
      stream = await c.export();
    } catch (e) {
      await c.remove({ force: true }).catch(() => undefined);
      throw e;
    }
    let removed = false;
    const remove = () => {
      if (removed) return;
      removed = true;
      c.remove({ force: true }).catch(() => undefined);
    };
    stream.on('end', remove);
    stream.on('close', remove);
    stream.on('error', remove);
    return stream;
  }

  async listByLabel(label: string): Promise<LabelledObjects> {
    const filters = { label: [label] };
    const [containers, images] = await Promise.all([
      this.docker.listContainers({ all: true, filters }),
      this.docker.listImages({ filters }),
    ]);
    return { containers: containers.map((c) => c.Id), images: images.map((i) => i.Id) };
  }

  async removeByLabel(label: string): Promise<LabelledObjects> {
    const found = await this.listByLabel(label);
    const gone = (e: unknown) => {
      const code = (e as { statusCode?: number }).statusCode;
      if (code !== 404 && code !== 409) throw e;
    };
    await Promise.all(
      found.containers.map((id) => this.docker.getContainer(id).remove({ force: true, v: true }).catch(gone)),
    );
    for (const id of found.images) await this.docker.getImage(id).remove({ force: true }).catch(gone);
    return found;
  }
}
