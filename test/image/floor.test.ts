import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { aboveFloor, computeFloor, type FloorInput, runtimeBytes } from '../../src/image/floor.js';
import { footprint } from '../../src/image/footprint.js';
import { scanImageTar } from '../../src/image/image-fs.js';
import { lastFrom } from '../../src/race/runtime-base.js';

async function tarOf(files: Record<string, number>): Promise<NodeJS.ReadableStream> {
  const p = pack();
  for (const [name, size] of Object.entries(files)) p.entry({ name, size }, Buffer.alloc(size, 1));
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Readable.from([Buffer.concat(chunks)]);
}

describe('footprint', () => {
  it('splits an exported filesystem into packages, app and the rest', async () => {
    const fs = await scanImageTar(
      await tarOf({
        'usr/bin/python3.11': 5000,
        'usr/lib/python3/dist-packages/pip/__init__.py': 700, // Debian's own: the base's
        'opt/venv/lib/python3.11/site-packages/flask/app.py': 3000,
        'usr/local/lib/python3.11/dist-packages/six.py': 400, // pip into Debian's Python
        'app/app.py': 120,
        'application/other.py': 50, // not under /app/
      }),
    );
    expect(footprint(fs, '/app')).toEqual({ totalBytes: 9270, packagesBytes: 3400, appBytes: 120 });
  });
});

const layer = (sizeBytes: number, createdBy: string) => ({ sizeBytes, createdBy });

describe('the floor', () => {
  const distroless: FloorInput = {
    id: 'distroless',
    sizeBytes: 63_000_000,
    base: { ref: 'distroless/python3', sizeBytes: 59_700_000, layerCount: 1 },
    footprint: { totalBytes: 63_000_000, packagesBytes: 3_000_000, appBytes: 3_000 },
    layers: [
      layer(59_700_000, 'COPY /out/ /'),
      layer(3_297_000, 'COPY /opt/venv /opt/venv'),
      layer(3_000, 'COPY . .'),
    ],
  };
  const closure: FloorInput = {
    id: 'closure',
    sizeBytes: 39_700_000,
    footprint: { totalBytes: 39_700_000, packagesBytes: 3_000_000, appBytes: 3_000 },
    layers: [layer(39_697_000, 'COPY /closure/ /'), layer(3_000, 'COPY . .')],
  };
  const slim: FloorInput = {
    id: 'slim',
    sizeBytes: 190_000_000,
    base: { ref: 'python:3.11-slim', sizeBytes: 177_000_000, layerCount: 2 },
    footprint: { totalBytes: 189_000_000, packagesBytes: 8_000_000, appBytes: 3_000 },
    layers: [
      layer(75_000_000, ''),
      layer(102_000_000, 'RUN apt-get install python3'),
      layer(12_997_000, 'RUN pip install -r requirements.txt'),
      layer(3_000, 'COPY . .'),
    ],
  };

  it('a FROM scratch runtime is what is left after packages and app', () => {
    expect(runtimeBytes(closure)).toBe(36_697_000);
    expect(runtimeBytes(distroless)).toBe(59_700_000);
  });

  it('is the smallest runtime + the smallest packages + the app', () => {
    const f = computeFloor([slim, distroless, closure]);
    expect(f).toEqual({
      bytes: 36_697_000 + 3_000_000 + 3_000,
      runtime: { id: 'closure', ref: 'scratch + its interpreter closure', bytes: 36_697_000 },
      packagesBytes: 3_000_000,
      appBytes: 3_000,
    });
    expect(computeFloor([])).toBeUndefined();
  });

  it('explains the distance: the bigger base, untrimmed packages, bytes a layer left behind', () => {
    const f = computeFloor([slim, distroless, closure]);
    if (!f) throw new Error('no floor');
    const why = aboveFloor(slim, f);
    expect(why.map((w) => w.bytes)).toEqual([177_000_000 - 36_697_000, 5_000_000, 4_997_000]);
    expect(why[0]?.what).toContain('FROM python:3.11-slim');
    expect(why[2]?.what).toContain('RUN pip install -r requirements.txt');
    expect(aboveFloor(closure, f)).toEqual([]);
  });
});

describe('lastFrom', () => {
  it('finds the runtime stage base, scratch included', () => {
    expect(lastFrom('FROM a:1 AS b\nRUN x\nFROM --platform=linux/amd64 scratch\nCOPY --from=b / /\n')).toBe(
      'scratch',
    );
    expect(lastFrom('# none')).toBeUndefined();
  });
});
