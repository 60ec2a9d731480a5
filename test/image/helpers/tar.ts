import { Readable } from 'node:stream';
import { pack } from 'tar-stream';

export interface TarItem {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  content?: Buffer | string;
}

/** A tar stream built in memory, like `docker export` writes it (relative names, no leading /). */
export function makeTar(items: TarItem[]): NodeJS.ReadableStream {
  const p = pack();
  for (const it of items) {
    const type = it.type ?? 'file';
    if (type === 'file') p.entry({ name: it.name, mode: 0o755 }, it.content ?? '');
    else p.entry({ name: it.name, type, ...(it.linkname ? { linkname: it.linkname } : {}) });
  }
  p.finalize();
  return Readable.from(p as unknown as AsyncIterable<Buffer>);
}
