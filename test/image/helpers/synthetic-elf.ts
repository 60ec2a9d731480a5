/**
 * Writes a minimal 64-bit little-endian ELF shared object header with a PT_DYNAMIC segment:
 * enough for the resolver tests to control DT_NEEDED / DT_RUNPATH / DT_RPATH exactly.
 * (The parser itself is checked against readelf on real files in elf.test.ts.)
 */
export function syntheticElf(opts: {
  needed?: string[];
  runpath?: string;
  rpath?: string;
  soname?: string;
  machine?: number;
}): Buffer {
  const strings: string[] = [];
  const strOffsets: number[] = [];
  let strSize = 1; // leading NUL
  const addStr = (s: string) => {
    strings.push(s);
    strOffsets.push(strSize);
    strSize += Buffer.byteLength(s) + 1;
    return strOffsets[strOffsets.length - 1] as number;
  };
  const dyn: [number, number][] = [];
  for (const n of opts.needed ?? []) dyn.push([1, addStr(n)]);
  if (opts.soname) dyn.push([14, addStr(opts.soname)]);
  if (opts.rpath) dyn.push([15, addStr(opts.rpath)]);
  if (opts.runpath) dyn.push([29, addStr(opts.runpath)]);
  const phoff = 64;
  const phnum = 2;
  const strtabOff = phoff + 56 * phnum;
  const dynOff = strtabOff + strSize + ((8 - ((strtabOff + strSize) % 8)) % 8);
  const entries = [...dyn, [5, strtabOff] as [number, number], [0, 0] as [number, number]];
  const size = dynOff + entries.length * 16;
  const b = Buffer.alloc(size);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; // 64-bit
  b[5] = 1; // little endian
  b[6] = 1;
  b.writeUInt16LE(3, 16); // ET_DYN
  b.writeUInt16LE(opts.machine ?? 62, 18);
  b.writeBigUInt64LE(BigInt(phoff), 32);
  b.writeUInt16LE(64, 52);
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(phnum, 56);
  // PT_LOAD covering the whole file at vaddr 0x1000 more than offset, to exercise address mapping.
  const vbase = 0x400000;
  b.writeUInt32LE(1, phoff);
  b.writeBigUInt64LE(0n, phoff + 8);
  b.writeBigUInt64LE(BigInt(vbase), phoff + 16);
  b.writeBigUInt64LE(BigInt(size), phoff + 32);
  b.writeUInt32LE(2, phoff + 56);
  b.writeBigUInt64LE(BigInt(dynOff), phoff + 56 + 8);
  b.writeBigUInt64LE(BigInt(vbase + dynOff), phoff + 56 + 16);
  b.writeBigUInt64LE(BigInt(entries.length * 16), phoff + 56 + 32);
  strings.forEach((s, i) => {
    b.write(s, strtabOff + (strOffsets[i] as number), 'utf8');
  });
  entries.forEach(([tag, val], i) => {
    b.writeBigInt64LE(BigInt(tag), dynOff + i * 16);
    b.writeBigUInt64LE(BigInt(tag === 5 ? vbase + val : val), dynOff + i * 16 + 8);
  });
  return b;
}
