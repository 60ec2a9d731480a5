import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { extract } from 'tar-stream';

/**
 * What a registry push moves: each layer tar gzip-compressed (Docker pushes gzip at the default
 * level), summed. Read from the `docker save` stream; each layer is compressed into a byte counter,
 * never stored. Go's and zlib's level-6 output differ by a percent or two, which is fine for a
 * leaderboard.
 *
 * Layers are remembered by their name in the save tar (`<v1-id>/layer.tar` in the classic format,
 * `blobs/sha256/<digest>` in the OCI one, `<diff id>.tar` in Podman's; all are derived from the
 * layer content: checked on Docker 20.10, the same base under two candidates saves under the same
 * names), so base layers shared by several candidates are compressed once, provided the
 * measurements run one after another (the race queues them) and share the map.
 */
export async function compressedSizeOfSave(
  save: NodeJS.ReadableStream,
  cache: Map<string, number> = new Map(),
): Promise<number> {
  const ex = extract();
  save.pipe(ex as unknown as NodeJS.WritableStream);
  save.on('error', (e: Error) => ex.destroy(e));
  let total = 0;
  try {
    total = await sumLayers(ex, cache);
  } catch (e) {
    (save as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw e;
  }
  return total;
}

async function sumLayers(ex: ReturnType<typeof extract>, cache: Map<string, number>): Promise<number> {
  let total = 0;
  for await (const source of ex) {
    const entry = source as unknown as NodeJS.ReadableStream &
      AsyncIterable<Buffer> & { header: typeof source.header };
    const name = entry.header.name;
    // Podman writes each layer once as `<diff id>.tar` and links `<id>/layer.tar` to it.
    const isLayerTar =
      name.endsWith('/layer.tar') || name === 'layer.tar' || /^[0-9a-f]{64}\.tar$/.test(name);
    const isBlob = name.startsWith('blobs/');
    const cached = cache.get(name);
    if ((!isLayerTar && !isBlob) || cached !== undefined || entry.header.type !== 'file') {
      if (cached !== undefined) total += cached;
      entry.resume();
      await new Promise<void>((resolve) => entry.on('end', () => resolve()));
      continue;
    }
    const size = await layerBytes(entry, isBlob);
    if (size !== undefined) {
      cache.set(name, size);
      total += size;
    }
  }
  return total;
}

/**
 * Compressed size of one layer; for OCI blobs, undefined when the blob is not a layer (config,
 * manifest: JSON). A blob that is already gzip (containerd image store) counts as it is.
 */
async function layerBytes(entry: AsyncIterable<Buffer> & NodeJS.ReadableStream, isBlob: boolean) {
  const iter = entry[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLen = 0;
  let done = false;
  while (headLen < 512 && !done) {
    const r = await iter.next();
    if (r.done) done = true;
    else {
      head.push(r.value);
      headLen += r.value.length;
    }
  }
  const first = Buffer.concat(head);
  const gz = first[0] === 0x1f && first[1] === 0x8b;
  const tarLike =
    first.length >= 512 ? first.toString('latin1', 257, 262) === 'ustar' : first.every((b) => b === 0);
  if (isBlob && !gz && !tarLike) {
    await drain(iter);
    return undefined;
  }
  if (gz) return first.length + (await drain(iter));
  let count = 0;
  const counter = new Writable({
    write(chunk: Buffer, _enc, cb) {
      count += chunk.length;
      cb();
    },
  });
  async function* all() {
    yield first;
    if (!done) for (let r = await iter.next(); !r.done; r = await iter.next()) yield r.value;
  }
  await pipeline(all(), createGzip({ level: 6 }), counter);
  return count;
}

async function drain(iter: AsyncIterator<Buffer>): Promise<number> {
  let n = 0;
  for (let r = await iter.next(); !r.done; r = await iter.next()) n += r.value.length;
  return n;
}
