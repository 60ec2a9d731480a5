/**
 * Just enough of ELF to know what a shared object needs at run time: DT_NEEDED, DT_RPATH,
 * DT_RUNPATH and DT_SONAME from the PT_DYNAMIC segment. Works on stripped files (uses program
 * headers, not section headers), both classes (32/64) and both byte orders.
 */

export interface ElfDynamic {
  bits: 32 | 64;
  /** e_machine: 62 = x86-64, 183 = aarch64, 3 = i386, 40 = arm. */
  machine: number;
  needed: string[];
  rpath: string[];
  runpath: string[];
  soname?: string;
}

/** Random access to a file's bytes; returns fewer bytes at the end of the file. */
export type ByteReader = (offset: number, length: number) => Buffer;

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

export function isElf(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
}

export function bufferReader(buf: Buffer): ByteReader {
  return (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length));
}

/** Undefined when the bytes are not ELF or carry no dynamic segment (static binaries, objects). */
export function readElfDynamic(read: ByteReader): ElfDynamic | undefined {
  const ident = read(0, 64);
  if (!isElf(ident) || ident.length < 52) return undefined;
  const bits = ident[4] === 2 ? 64 : ident[4] === 1 ? 32 : undefined;
  const le = ident[5] === 1 ? true : ident[5] === 2 ? false : undefined;
  if (bits === undefined || le === undefined) return undefined;
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const word = (b: Buffer, o: number) =>
    bits === 64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o);
  // Signed tag: DT_* values we care about are small positive numbers; others are skipped.
  const machine = u16(ident, 18);
  const phoff = bits === 64 ? word(ident, 32) : u32(ident, 28);
  const phentsize = u16(ident, bits === 64 ? 54 : 42);
  const phnum = u16(ident, bits === 64 ? 56 : 44);
  if (phoff === 0 || phnum === 0) return undefined;

  const phdrs = read(phoff, phentsize * phnum);
  const loads: { vaddr: number; offset: number; filesz: number }[] = [];
  let dyn: { offset: number; filesz: number } | undefined;
  for (let i = 0; i < phnum; i++) {
    const o = i * phentsize;
    if (o + phentsize > phdrs.length) break;
    const type = u32(phdrs, o);
    // 64-bit: type, flags, offset, vaddr, paddr, filesz...; 32-bit: type, offset, vaddr, paddr, filesz...
    const offset = bits === 64 ? word(phdrs, o + 8) : u32(phdrs, o + 4);
    const vaddr = bits === 64 ? word(phdrs, o + 16) : u32(phdrs, o + 8);
    const filesz = bits === 64 ? word(phdrs, o + 32) : u32(phdrs, o + 16);
    if (type === PT_LOAD) loads.push({ vaddr, offset, filesz });
    if (type === PT_DYNAMIC) dyn = { offset, filesz };
  }
  if (!dyn) return undefined;

  const entSize = bits === 64 ? 16 : 8;
  const table = read(dyn.offset, dyn.filesz);
  const raw: { tag: number; val: number }[] = [];
  let strtab: number | undefined;
  for (let o = 0; o + entSize <= table.length; o += entSize) {
    const tag = word(table, o);
    const val = word(table, o + entSize / 2);
    if (tag === DT_NULL) break;
    if (tag === DT_STRTAB) strtab = val;
    else raw.push({ tag, val });
  }
  if (strtab === undefined) return undefined;
  // DT_STRTAB holds a virtual address; map it to a file offset through the PT_LOAD segments.
  const seg = loads.find((l) => strtab !== undefined && strtab >= l.vaddr && strtab < l.vaddr + l.filesz);
  const strOffset = seg ? strtab - seg.vaddr + seg.offset : strtab;
  const str = (at: number) => readCString(read, strOffset + at);

  const out: ElfDynamic = { bits, machine, needed: [], rpath: [], runpath: [] };
  for (const { tag, val } of raw) {
    if (tag === DT_NEEDED) out.needed.push(str(val));
    else if (tag === DT_RPATH) out.rpath.push(...splitPath(str(val)));
    else if (tag === DT_RUNPATH) out.runpath.push(...splitPath(str(val)));
    else if (tag === DT_SONAME) out.soname = str(val);
  }
  return out;
}

function splitPath(s: string): string[] {
  return s.split(':').filter((p) => p.length > 0);
}

function readCString(read: ByteReader, offset: number): string {
  let out = '';
  for (let at = offset; ; at += 256) {
    const chunk = read(at, 256);
    const nul = chunk.indexOf(0);
    if (nul >= 0) return out + chunk.toString('utf8', 0, nul);
    out += chunk.toString('utf8');
    if (chunk.length < 256) return out;
  }
}
