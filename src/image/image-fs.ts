import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { extract, type Header } from 'tar-stream';
import { type ByteReader, bufferReader, type ElfDynamic, isElf, readElfDynamic } from './elf.js';

/**
 * An index of an image's filesystem, read once from `docker export` (no shell needed in the image):
 * every path with its type, the dynamic section of every shared object, and the few small text
 * files the dynamic loader reads.
 */
export interface ImageFs {
  /** Absolute path ('/usr/lib/x') → entry. */
  entries: Map<string, FsEntry>;
  /** Absolute path of each ELF shared object → its dynamic section. */
  elf: Map<string, ElfDynamic>;
  /** /etc/ld.so.conf, /etc/ld.so.conf.d/*.conf, /etc/ld-musl-*.path contents. */
  texts: Map<string, string>;
}

export interface FsEntry {
  type: 'file' | 'dir' | 'symlink' | 'link' | 'other';
  linkname?: string;
  /** Bytes of a regular file (the floor sums them); absent for other types. */
  size?: number;
}

const SHARED_OBJECT = /\.so($|\.)/;
const LOADER_TEXT = /^\/etc\/(ld\.so\.conf(\.d\/[^/]+\.conf)?|ld-musl-[^/]+\.path)$/;
/** Larger shared objects go through a temp file instead of memory (libtorch is ~1 GB). */
const IN_MEMORY_LIMIT = 64 * 1024 * 1024;

const TYPES: Record<string, FsEntry['type']> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'link',
};

export async function scanImageTar(tar: NodeJS.ReadableStream): Promise<ImageFs> {
  const fs: ImageFs = { entries: new Map(), elf: new Map(), texts: new Map() };
  const ex = extract();
  tar.pipe(ex as unknown as NodeJS.WritableStream);
  tar.on('error', (e: Error) => ex.destroy(e));
  try {
    for await (const source of ex) await addEntry(fs, source.header, source as unknown as Entry);
  } catch (e) {
    // Stop the engine's export too, not only our reading of it.
    (tar as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw e;
  }
  // A hard link to a shared object has the same dynamic section.
  for (const [path, e] of fs.entries) {
    const target = e.type === 'link' && e.linkname ? fs.elf.get(e.linkname) : undefined;
    if (target) fs.elf.set(path, target);
  }
  return fs;
}

type Entry = NodeJS.ReadableStream & AsyncIterable<Buffer>;

async function addEntry(fs: ImageFs, h: Header, entry: Entry): Promise<void> {
  const path = normalizeName(h.name);
  const type = TYPES[h.type] ?? 'other';
  const linkname = type === 'link' ? normalizeName(h.linkname) : type === 'symlink' ? h.linkname : undefined;
  const rec: FsEntry = linkname === undefined ? { type } : { type, linkname };
  if (type === 'file') rec.size = h.size ?? 0;
  fs.entries.set(path, rec);
  if (type === 'file' && LOADER_TEXT.test(path)) {
    fs.texts.set(path, (await readAll(entry)).toString('utf8'));
  } else if (type === 'file' && SHARED_OBJECT.test(posix.basename(path)) && h.size >= 64) {
    const dyn = await readElf(entry, h.size);
    if (dyn) fs.elf.set(path, dyn);
  } else {
    entry.resume();
    await new Promise<void>((resolve) => entry.on('end', () => resolve()));
  }
}

function normalizeName(name: string): string {
  const n = posix.normalize(`/${name}`);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

async function readAll(entry: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of entry) chunks.push(c);
  return Buffer.concat(chunks);
}

async function readElf(entry: AsyncIterable<Buffer>, size: number): Promise<ElfDynamic | undefined> {
  if (size <= IN_MEMORY_LIMIT) {
    const buf = await readAll(entry);
    return isElf(buf) ? readElfDynamic(bufferReader(buf)) : undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'slim-py-elf-'));
  const file = join(dir, 'so');
  const fd = openSync(file, 'w+');
  try {
    for await (const c of entry) writeSync(fd, c);
    const read: ByteReader = (offset, length) => {
      const b = Buffer.alloc(length);
      return b.subarray(0, readSync(fd, b, 0, length, offset));
    };
    return isElf(read(0, 4)) ? readElfDynamic(read) : undefined;
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Follows symlinks (in every component, like the kernel: usrmerge's /lib → usr/lib) and returns
 * the real path of an existing entry, or undefined. Missing directory entries are tolerated (a
 * tar need not list parents); the last component must exist.
 */
export function resolvePath(fs: ImageFs, path: string): string | undefined {
  let pending = path.split('/').filter((c) => c.length > 0);
  let cur = '/';
  for (let hops = 0; pending.length > 0; ) {
    const [comp, ...rest] = pending as [string, ...string[]];
    pending = rest;
    if (comp === '.') continue;
    if (comp === '..') {
      cur = posix.dirname(cur);
      continue;
    }
    const next = posix.join(cur, comp);
    const e = fs.entries.get(next);
    if (e?.type === 'symlink' && e.linkname !== undefined) {
      if (++hops > 40) return undefined;
      const target = e.linkname;
      if (target.startsWith('/')) cur = '/';
      pending = [...target.split('/').filter((c) => c.length > 0), ...pending];
      continue;
    }
    if (!e && pending.length === 0) return undefined;
    if (e && e.type !== 'dir' && pending.length > 0) return undefined;
    cur = next;
  }
  return fs.entries.has(cur) || cur === '/' ? cur : undefined;
}

/** True when the path resolves to a regular file (or a hard link to one). */
export function isFile(fs: ImageFs, path: string): boolean {
  const real = resolvePath(fs, path);
  const t = real ? fs.entries.get(real)?.type : undefined;
  return t === 'file' || t === 'link';
}
