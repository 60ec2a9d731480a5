import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressedSizeOfSave } from '../../src/docker/compressed-size.js';

/**
 * `GET /images/{name}/get` of one image (FROM scratch + two COPY layers of 27 KB base64 text)
 * saved by Docker 20.10 (`<id>/layer.tar` files) and by Podman 4.3 (`<diff id>.tar` files that
 * `<id>/layer.tar` symlinks point at).
 */
const save = (engine: 'docker' | 'podman') =>
  createReadStream(join(import.meta.dirname, '../fixtures/saves', `${engine}.tar`));

describe('compressed size from a saved image', () => {
  it('is about the same for the same files saved by Docker and by Podman', async () => {
    const docker = await compressedSizeOfSave(save('docker'));
    const podman = await compressedSizeOfSave(save('podman'));
    // Two layers of 28 672 bytes; base64 of random bytes compresses to about three quarters.
    expect(docker).toBeGreaterThan(2 * 15_000);
    expect(docker).toBeLessThan(2 * 28_672);
    // The layer tars differ only in their headers (owners, times).
    expect(Math.abs(podman - docker) / docker).toBeLessThan(0.01);
  });

  it('compresses each Podman layer once and counts it again from the cache', async () => {
    const cache = new Map<string, number>();
    const first = await compressedSizeOfSave(save('podman'), cache);
    expect([...cache.keys()].every((k) => /^[0-9a-f]{64}\.tar$/.test(k))).toBe(true);
    expect(cache.size).toBe(2);
    expect(await compressedSizeOfSave(save('podman'), cache)).toBe(first);
  });
});
