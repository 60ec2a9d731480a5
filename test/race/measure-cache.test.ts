import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir, diskMeasureCache } from '../../src/race/measure-cache.js';

const m = {
  compressedBytes: 22_800_000,
  hasShell: false,
  missingLibraries: [{ soname: 'libpq.so.5', neededBy: '/opt/venv/x.so', package: 'libpq5' }],
};

describe('measurements kept by image id', () => {
  it('survives a new process (a new cache object on the same dir) and keeps engines apart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'slim-py-cache-'));
    const a = diskMeasureCache(dir, 'unix:///var/run/docker.sock');
    expect(await a.get('sha256:1')).toBeUndefined();
    await Promise.all([a.set('sha256:1', m), a.set('sha256:2', { ...m, hasShell: true })]);
    const again = diskMeasureCache(dir, 'unix:///var/run/docker.sock');
    expect(await again.get('sha256:1')).toEqual(m);
    expect((await again.get('sha256:2'))?.hasShell).toBe(true);
    expect(await diskMeasureCache(dir, 'ssh://other-host').get('sha256:1')).toBeUndefined();
  });

  it('a corrupt or foreign file is ignored, never fatal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'slim-py-cache-'));
    const file = path.join(dir, 'measurements-local.json');
    writeFileSync(file, '{not json');
    const c = diskMeasureCache(dir, 'local');
    expect(await c.get('sha256:1')).toBeUndefined();
    await c.set('sha256:1', m);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
  });

  it('keeps compressed layer sizes and recorded imports beside the images, for the next run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'slim-py-cache-'));
    const a = diskMeasureCache(dir, 'local');
    (await a.layerSizes()).set('abc/layer.tar', 1234);
    await a.saveLayerSizes();
    await a.set('sha256:1', m);
    await a.setImports('k', ['app', 'json']);
    const again = diskMeasureCache(dir, 'local');
    expect([...(await again.layerSizes())]).toEqual([['abc/layer.tar', 1234]]);
    expect(await again.getImports('k')).toEqual(['app', 'json']);
    expect(await again.get('sha256:1')).toEqual(m);
  });

  it('lives where the user says, else in the XDG cache', () => {
    expect(defaultCacheDir({ SLIM_PY_CACHE_DIR: '/x' })).toBe('/x');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/slim-py');
  });
});
