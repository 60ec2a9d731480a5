import { redactText } from '../redact.js';
import { decodeBuildkitStatus } from './buildkit-status.js';
import { CLASSIC_NOISE, createStageCounter, parseStepLine } from './classic-steps.js';
import type { BuildEvent, BuilderKind } from './engine.js';
import { pipPhase } from './pip-phase.js';

/**
 * Turns the raw build stream (JSON lines, classic or BuildKit) into typed BuildEvents. Pure:
 * feed decoded lines with push(), finish with end(). A build answers HTTP 200 even when it fails,
 * so failure is read from `error` lines, BuildKit vertex errors, a stream error or a missing id.
 */
export interface BuildParser {
  push(msg: unknown): BuildEvent[];
  /** The terminal event: 'built' or 'failed'. */
  end(streamError?: Error): BuildEvent;
  readonly logTail: readonly string[];
}

export const LOG_TAIL_LINES = 50;

const BUILDKIT_STEP = /^\[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/;
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const CLASSIC_DONE = /^Successfully built ([0-9a-f]{12,})\s*$/m;

interface Raw {
  stream?: string;
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: unknown;
  error?: string;
  errorDetail?: { message?: string };
}

export interface ParserOptions {
  /** BuildKit steps this build will show (countBuildkitSteps); steps are then numbered by us. */
  expectedSteps?: number;
}

export function createBuildParser(builder: BuilderKind, opts: ParserOptions = {}): BuildParser {
  const tail: string[] = [];
  let imageId: string | undefined;
  // Classic multi-stage builds send an aux id at the end of every stage; only the one confirmed
  // by the final "Successfully built <id>" line is the image.
  let classicDone: string | undefined;
  let failure: string | undefined;
  let fromRef: string | undefined;
  const layers = new Map<string, { current: number; total: number }>();
  const vertexNames = new Map<string, string>();
  const stepsSeen = new Set<string>();
  const partial = new Map<string, string>();
  const podmanSteps = createStageCounter();

  // What a build prints is shown and saved: a password in a URL never is (pip's own output is not the only source).
  const remember = (line: string) => {
    tail.push(redactText(line));
    if (tail.length > LOG_TAIL_LINES) tail.shift();
  };
  const logLines = (text: string, out: BuildEvent[], key = '') => {
    const lines = ((partial.get(key) ?? '') + text).split(/\r?\n|\r/);
    partial.set(key, lines.pop() ?? '');
    for (const line of lines) emitLine(line, out);
  };
  const emitLine = (raw: string, out: BuildEvent[]) => {
    const line = redactText(raw.replace(ANSI, '').trimEnd());
    if (line.trim() === '' || CLASSIC_NOISE.test(line)) return;
    remember(line);
    out.push({ type: 'log', line });
    const pip = pipPhase(line);
    if (pip) out.push({ type: 'pip', ...pip });
  };
  const pullEvent = (): BuildEvent => {
    let current = 0;
    let total = 0;
    for (const l of layers.values()) {
      current += Math.min(l.current, l.total);
      total += l.total;
    }
    return fromRef === undefined
      ? { type: 'pull', current, total }
      : { type: 'pull', ref: fromRef, current, total };
  };

  const classicStream = (text: string, out: BuildEvent[]) => {
    const done = CLASSIC_DONE.exec(text);
    if (done?.[1]) classicDone = done[1];
    const rest: string[] = [];
    for (const line of text.split('\n')) {
      const m = parseStepLine(line);
      if (!m) {
        rest.push(line);
        continue;
      }
      const instruction = redactText(m.instruction);
      const from = /^FROM\s+(\S+)/i.exec(instruction);
      if (from?.[1]) fromRef = from[1];
      remember(line);
      // Docker numbers over the whole file; Podman per stage, counted here over the build.
      const at = m.stage ? podmanSteps(m) : { n: m.n, of: m.of };
      out.push({ type: 'step', ...at, instruction });
    }
    const others = rest.join('\n');
    if (others.trim() !== '') logLines(others.endsWith('\n') ? others : `${others}\n`, out, 'classic');
  };

  const classicPull = (msg: Raw, out: BuildEvent[]) => {
    const id = msg.id;
    const status = msg.status ?? '';
    if (!id || /^Pulling from|^Digest:|^Status:/.test(status)) return;
    const layer = layers.get(id) ?? { current: 0, total: 0 };
    const d = msg.progressDetail;
    if (status === 'Downloading' && d?.total) {
      layer.total = d.total;
      layer.current = d.current ?? 0;
    } else if (/^(Download complete|Pull complete|Already exists)/.test(status)) {
      layer.current = layer.total;
    } else if (status !== 'Pulling fs layer' && status !== 'Waiting' && status !== 'Extracting') return;
    layers.set(id, layer);
    out.push(pullEvent());
  };

  const buildkitTrace = (aux: string, out: BuildEvent[]) => {
    let s: ReturnType<typeof decodeBuildkitStatus>;
    try {
      s = decodeBuildkitStatus(aux);
    } catch {
      return; // a progress message we cannot read must not fail the build
    }
    for (const v of s.vertexes) {
      if (v.name) vertexNames.set(v.digest, v.name);
      if (v.error) failure = v.error;
      if ((v.started || v.cached) && !stepsSeen.has(v.digest)) {
        const m = BUILDKIT_STEP.exec(v.name);
        if (!m) continue;
        stepsSeen.add(v.digest);
        const instruction = redactText((m[4] ?? '').trim());
        const from = /^FROM\s+(\S+)/i.exec(instruction);
        if (from?.[1]) fromRef = from[1].replace(/@sha256:[0-9a-f]+$/, '');
        // A vertex shared with another build carries that build's name ("[stage-3 1/5]"): when
        // we know how many steps to expect, number them ourselves and keep only real stage names.
        const counted = opts.expectedSteps !== undefined;
        const n = counted ? stepsSeen.size : Number(m[2]);
        const of = counted ? Math.max(opts.expectedSteps ?? 0, n) : Number(m[3]);
        const stage = m[1] && !(counted && /^stage-\d+$/.test(m[1])) ? m[1] : undefined;
        remember(`[${stage ? `${stage} ` : ''}${n}/${of}] ${instruction}`);
        const step: BuildEvent = { type: 'step', n, of, instruction };
        out.push(stage ? { ...step, stage } : step);
      }
    }
    let pulled = false;
    for (const st of s.statuses) {
      if (!st.id.startsWith('sha256:') || st.total <= 0) continue;
      const name = vertexNames.get(st.vertex) ?? '';
      const from = /FROM\s+(\S+)/i.exec(name);
      if (from?.[1]) fromRef = from[1].replace(/@sha256:[0-9a-f]+$/, '');
      layers.set(st.id, { current: st.completed ? st.total : st.current, total: st.total });
      pulled = true;
    }
    if (pulled) out.push(pullEvent());
    for (const l of s.logs) logLines(l.msg, out, l.vertex);
    for (const w of s.warnings) emitLine(`WARNING: ${w}`, out);
  };

  return {
    logTail: tail,
    push(input: unknown): BuildEvent[] {
      const out: BuildEvent[] = [];
      if (typeof input !== 'object' || input === null) return out;
      const msg = input as Raw;
      if (msg.error || msg.errorDetail) {
        failure = msg.errorDetail?.message ?? msg.error ?? 'build failed';
        remember(failure);
        return out;
      }
      if (msg.id === 'moby.buildkit.trace' && typeof msg.aux === 'string') {
        buildkitTrace(msg.aux, out);
        return out;
      }
      const auxId = (msg.aux as { ID?: unknown } | undefined)?.ID;
      if (typeof auxId === 'string') {
        imageId = auxId;
        return out;
      }
      if (typeof msg.stream === 'string') classicStream(msg.stream, out);
      else if (typeof msg.status === 'string') classicPull(msg, out);
      return out;
    },
    end(streamError?: Error): BuildEvent {
      const flush: BuildEvent[] = [];
      for (const key of [...partial.keys()]) logLines('\n', flush, key);
      if (failure) return { type: 'failed', message: redactText(failure), logTail: [...tail] };
      if (streamError) {
        remember(streamError.message);
        return { type: 'failed', message: redactText(streamError.message), logTail: [...tail] };
      }
      const confirmed =
        builder === 'buildkit'
          ? imageId
          : classicDone && imageId?.replace(/^sha256:/, '').startsWith(classicDone)
            ? imageId
            : classicDone;
      if (confirmed) return { type: 'built', imageId: confirmed, builder };
      const message = 'the build stream ended without an image id';
      remember(message);
      return { type: 'failed', message, logTail: [...tail] };
    },
  };
}
