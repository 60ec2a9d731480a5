import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBuildkitStatus } from '../../src/docker/buildkit-status.js';

// The oracle: protobufjs with the .proto dockerode ships (both are dockerode's own dependencies).
const require = createRequire(import.meta.url);
const dockerodeDir = dirname(require.resolve('dockerode'));
const protobuf = createRequire(require.resolve('dockerode'))('protobufjs');
const StatusResponse = protobuf
  .loadSync(join(dockerodeDir, 'proto', 'buildkit_status.proto'))
  .lookupType('moby.buildkit.v1.StatusResponse');

const traces = ['buildkit-ok', 'buildkit-fail', 'buildkit-pull'].flatMap((name) =>
  readFileSync(join(import.meta.dirname, '../fixtures/streams', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.includes('moby.buildkit.trace'))
    .map((l) => JSON.parse(l).aux as string),
);

describe('decodeBuildkitStatus', () => {
  it('agrees with protobufjs on every recorded trace message', () => {
    expect(traces.length).toBeGreaterThan(30);
    for (const aux of traces) {
      const want = StatusResponse.toObject(StatusResponse.decode(Buffer.from(aux, 'base64')), {
        longs: Number,
        defaults: true,
      });
      const got = decodeBuildkitStatus(aux);
      expect(got.vertexes).toEqual(
        want.vertexes.map((v: Record<string, unknown>) => ({
          digest: v.digest,
          name: v.name,
          cached: v.cached,
          started: v.started !== null && v.started !== undefined,
          completed: v.completed !== null && v.completed !== undefined,
          error: v.error,
        })),
      );
      expect(got.statuses).toEqual(
        want.statuses.map((s: Record<string, unknown>) => ({
          id: s.ID,
          vertex: s.vertex,
          name: s.name,
          current: s.current,
          total: s.total,
          completed: s.completed !== null && s.completed !== undefined,
        })),
      );
      expect(got.logs.map((l) => l.msg)).toEqual(
        want.logs.map((l: { msg: Uint8Array }) => Buffer.from(l.msg).toString('utf8')),
      );
    }
  });

  it('decodes an empty message and rejects garbage', () => {
    expect(decodeBuildkitStatus('')).toEqual({ vertexes: [], statuses: [], logs: [], warnings: [] });
    expect(() => decodeBuildkitStatus(Buffer.from([0x0f, 0xff]).toString('base64'))).toThrow();
  });
});
