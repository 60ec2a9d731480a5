/**
 * Decodes the `moby.buildkit.trace` aux payload (base64 protobuf `moby.buildkit.v1.StatusResponse`)
 * into plain objects. dockerode's own followProgress flattens it into text lines; we keep the
 * structure (which vertex a status or a log belongs to) to sum pull bytes and number steps.
 * A minimal protobuf wire reader is enough: four message types, fields read by number.
 */

export interface BkVertex {
  digest: string;
  name: string;
  cached: boolean;
  started: boolean;
  completed: boolean;
  error: string;
}
export interface BkStatus {
  id: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  completed: boolean;
}
export interface BkLog {
  vertex: string;
  stream: number;
  msg: string;
}
export interface BkStatusResponse {
  vertexes: BkVertex[];
  statuses: BkStatus[];
  logs: BkLog[];
  warnings: string[];
}

type Field = { n: number; int: number; bytes?: Buffer };

/** Iterates the fields of one message. Unknown wire types stop the read (corrupt input). */
function* fields(buf: Buffer): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++] as number;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const n = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) yield { n, int: varint() };
    else if (wire === 2) {
      const len = varint();
      const bytes = buf.subarray(pos, pos + len);
      pos += len;
      yield { n, int: 0, bytes };
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const str = (f: Field) => (f.bytes ? f.bytes.toString('utf8') : '');

function vertex(buf: Buffer): BkVertex {
  const v: BkVertex = { digest: '', name: '', cached: false, started: false, completed: false, error: '' };
  for (const f of fields(buf)) {
    if (f.n === 1) v.digest = str(f);
    else if (f.n === 3) v.name = str(f);
    else if (f.n === 4) v.cached = f.int !== 0;
    else if (f.n === 5) v.started = true;
    else if (f.n === 6) v.completed = true;
    else if (f.n === 7) v.error = str(f);
  }
  return v;
}

function status(buf: Buffer): BkStatus {
  const s: BkStatus = { id: '', vertex: '', name: '', current: 0, total: 0, completed: false };
  for (const f of fields(buf)) {
    if (f.n === 1) s.id = str(f);
    else if (f.n === 2) s.vertex = str(f);
    else if (f.n === 3) s.name = str(f);
    else if (f.n === 4) s.current = f.int;
    else if (f.n === 5) s.total = f.int;
    else if (f.n === 8) s.completed = true;
  }
  return s;
}

function log(buf: Buffer): BkLog {
  const l: BkLog = { vertex: '', stream: 0, msg: '' };
  for (const f of fields(buf)) {
    if (f.n === 1) l.vertex = str(f);
    else if (f.n === 3) l.stream = f.int;
    else if (f.n === 4) l.msg = str(f);
  }
  return l;
}

function warning(buf: Buffer): string {
  for (const f of fields(buf)) if (f.n === 3) return str(f);
  return '';
}

export function decodeBuildkitStatus(base64: string): BkStatusResponse {
  const out: BkStatusResponse = { vertexes: [], statuses: [], logs: [], warnings: [] };
  for (const f of fields(Buffer.from(base64, 'base64'))) {
    if (!f.bytes) continue;
    if (f.n === 1) out.vertexes.push(vertex(f.bytes));
    else if (f.n === 2) out.statuses.push(status(f.bytes));
    else if (f.n === 3) out.logs.push(log(f.bytes));
    else if (f.n === 4) out.warnings.push(warning(f.bytes));
  }
  return out;
}
