import { extract } from 'tar-stream';
import type {
  BuildEvent,
  BuildOptions,
  Engine,
  EngineInfo,
  ImageInfo,
  ImageResolution,
  LabelledObjects,
  RunOptions,
  RunResult,
} from '../../src/docker/engine.js';
import { IMPORT_TIME_SCRIPT } from '../../src/race/import-time.js';
import { syntheticElf } from '../image/helpers/synthetic-elf.js';
import { makeTar, type TarItem } from '../image/helpers/tar.js';

/** What a scripted build does: how long it takes and whether it fails. */
export interface Script {
  ms: number;
  fail?: string;
  /** What a failed build printed last (default: 'boom'). */
  logTail?: string[];
  /** Files the image gets (for the audit); default: a shell and nothing else. */
  files?: TarItem[];
  smoke?: { ok: boolean; failures: { module: string; error: string }[] };
  /** What the smoke run reports it used (the SLIMPY_USAGE line); default: nothing recorded. */
  usage?: { python: string; modules: string[]; files: [string, number, string][] };
  /**
   * Cold-start timing the image answers (wall; CPU is 2 ms less); default 42 ms. A list: one per
   * timing run of the image, in turn, the last one repeated.
   */
  importMs?: number | number[];
}

/** A script, or one chosen from the Dockerfile the build got (a repaired one builds differently). */
export type Scripted = Script | ((dockerfile: string) => Script);

/** The text of one file in a build context's tar stream (the whole stream is read). */
function readFromContext(context: NodeJS.ReadableStream, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let found = '';
    const tar = extract();
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => {
        if (header.name === name) found = Buffer.concat(chunks).toString('utf8');
        next();
      });
    });
    tar.on('finish', () => resolve(found));
    tar.on('error', reject);
    context.pipe(tar);
  });
}

/**
 * An Engine in memory for the race's own logic (concurrency, ordering, failure isolation,
 * cancellation, cleanup). The real engine is covered by the e2e suites.
 */
export class MemoryEngine implements Engine {
  active = 0;
  maxActive = 0;
  log: string[] = [];
  images = new Map<string, Record<string, string>>();
  removed: string[] = [];
  buildNetworks: (string | undefined)[] = [];
  /** The Dockerfile of every build, in order. */
  dockerfiles: { id: string; dockerfile: string }[] = [];
  /** The script each built tag followed (for its smoke test and files). */
  private byTag = new Map<string, Script>();
  /** Timing runs answered so far, per image. */
  private timings = new Map<string, number>();
  sizes = new Map<string, number>();
  compressing = 0;
  maxCompressing = 0;
  /** How long a compressed-size measurement takes, ms. */
  compressMs = 0;
  constructor(
    private scripts: Record<string, Scripted>,
    private bridge = true,
  ) {}

  async connect(): Promise<EngineInfo> {
    return {
      kind: 'docker',
      host: 'memory://',
      builder: 'buildkit',
      serverVersion: '0',
      apiVersion: '1.41',
      bridge: this.bridge,
      os: 'linux',
      arch: 'amd64',
    };
  }

  async *build(opts: BuildOptions): AsyncGenerator<BuildEvent> {
    const id = opts.dockerfile.replace('.slim-py-Dockerfile.', '');
    const scripted = this.scripts[id] ?? { ms: 10 };
    const dockerfile = await readFromContext(opts.context, opts.dockerfile);
    this.dockerfiles.push({ id, dockerfile });
    const s = typeof scripted === 'function' ? scripted(dockerfile) : scripted;
    this.byTag.set(opts.tag, s);
    this.buildNetworks.push(opts.network);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    this.log.push(`start ${id}`);
    try {
      yield { type: 'step', n: 1, of: 1, instruction: 'RUN work' };
      for (let t = 0; t < s.ms; t += 5) {
        if (opts.signal?.aborted) {
          yield { type: 'failed', message: 'the build was cancelled', logTail: [] };
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
        yield { type: 'log', line: `${id} working ${t}` };
      }
      if (s.fail) {
        yield { type: 'failed', message: s.fail, logTail: s.logTail ?? ['boom'] };
        return;
      }
      this.images.set(opts.tag, opts.labels);
      // A compile step of recorded imports adds its .pyc: 500 bytes here.
      this.sizes.set(opts.tag, dockerfile.includes('py_compile') ? 1500 : 1000);
      yield { type: 'built', imageId: `sha256:${id}`, builder: 'buildkit' };
    } finally {
      this.active--;
      this.log.push(`end ${id}`);
    }
  }

  /** Base images by ref, as a registry would answer; any other ref is in the local store. */
  bases = new Map<string, ImageResolution>();
  resolved: string[] = [];
  async resolveImage(ref: string): Promise<ImageResolution> {
    this.resolved.push(ref);
    return this.bases.get(ref) ?? { found: 'local' };
  }

  async inspectImage(ref: string): Promise<ImageInfo> {
    if (!this.images.has(ref)) throw new Error(`No such image: ${ref}`);
    return {
      id: ref,
      sizeBytes: this.sizes.get(ref) ?? 1000,
      layers: [{ sizeBytes: 1000, createdBy: 'RUN work' }],
      layerCount: 1,
      diffIds: [`sha256:${ref}`],
      user: '',
      entrypoint: null,
      cmd: null,
      env: [],
      workdir: '/app',
      labels: this.images.get(ref) ?? {},
    };
  }

  async compressedSize(): Promise<number> {
    this.compressing++;
    this.maxCompressing = Math.max(this.maxCompressing, this.compressing);
    this.log.push('compress');
    await new Promise((r) => setTimeout(r, this.compressMs));
    this.compressing--;
    return 400;
  }

  private scriptOf(ref: string): Script {
    const built = this.byTag.get(ref);
    if (built) return built;
    const id = ref.replace(/^slim-py\//, '').replace(/:.*$/, '');
    const s = this.scripts[id] ?? { ms: 10 };
    return typeof s === 'function' ? s('') : s;
  }

  async run(opts: RunOptions): Promise<RunResult> {
    const s = this.scriptOf(opts.image);
    this.log.push(`run ${opts.image}`);
    if (opts.argv[2] === IMPORT_TIME_SCRIPT) {
      const times = [s.importMs ?? 42].flat();
      const turn = this.timings.get(opts.image) ?? 0;
      this.timings.set(opts.image, turn + 1);
      const ms = times[Math.min(turn, times.length - 1)]!;
      return {
        exitCode: 0,
        stdout: `${JSON.stringify({ ms, cpuMs: ms - 2 })}\n`,
        stderr: '',
        timedOut: false,
      };
    }
    const smoke = s.smoke ?? { ok: true, failures: [] };
    const line = `SLIMPY_SMOKE ${JSON.stringify({ ...smoke, imported: [], distributions: [] })}\n`;
    const usage = s.usage ? `SLIMPY_USAGE ${JSON.stringify(s.usage)}\n` : '';
    return { exitCode: 0, stdout: line + usage, stderr: '', timedOut: false };
  }

  async exportFiles(image: string): Promise<NodeJS.ReadableStream> {
    return makeTar(this.scriptOf(image).files ?? [{ name: 'bin/sh', content: 'x' }]);
  }

  async listByLabel(label: string): Promise<LabelledObjects> {
    const [k, v] = label.split('=');
    const images = [...this.images].filter(
      ([, l]) => k !== undefined && (v === undefined ? k in l : l[k] === v),
    );
    return { containers: [], images: images.map(([tag]) => tag) };
  }

  async removeByLabel(label: string): Promise<LabelledObjects> {
    const found = await this.listByLabel(label);
    for (const tag of found.images) {
      this.images.delete(tag);
      this.removed.push(tag);
    }
    return found;
  }
}

export const missingLibpq: TarItem[] = [
  { name: 'bin/sh', content: 'x' },
  {
    name: 'opt/venv/lib/python3.11/site-packages/pq/_pq.so',
    content: syntheticElf({ needed: ['libpq.so.5'] }),
  },
];

/** A memory engine that reports the given architecture, as `docker info` would (x86_64, aarch64, Podman's amd64). */
export function engineOn(arch: string): MemoryEngine {
  const engine = new MemoryEngine({});
  const connect = engine.connect.bind(engine);
  engine.connect = async (): Promise<EngineInfo> => ({ ...(await connect()), arch });
  return engine;
}
