import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineKind } from '../../src/docker/docker-host.js';
import { fitEngine } from '../../src/race/engine-fit.js';
import { selectCandidates } from '../../src/session/select-candidates.js';
import { planCandidates } from '../../src/strategies/index.js';
import { flaskProject, flaskVerdicts, inputFor } from '../strategies/projects.js';

/** GET /version as Docker 20.10 (Debian's docker.io) and Podman 4.3 (Debian's podman) answered it. */
const version = (engine: 'docker' | 'podman') =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/engines', `${engine}-version.json`), 'utf8'),
  );

const candidates = planCandidates(inputFor(flaskProject, flaskVerdicts)).filter((c) => c.applicable);

describe('which engine answers', () => {
  it('Podman names itself in its version answer, Docker does not', () => {
    expect(engineKind(version('podman'))).toBe('podman');
    expect(engineKind(version('docker'))).toBe('docker');
    expect(engineKind({})).toBe('docker');
  });
});

describe('what an engine cannot build is known before the race', () => {
  it('BuildKit on Docker builds everything and says nothing', () => {
    const fit = fitEngine(candidates, { kind: 'docker', builder: 'buildkit', serverVersion: '20.10.24' });
    expect(fit.candidates).toEqual(candidates);
    expect(fit.skipped).toEqual([]);
    expect(fit.note).toBeUndefined();
  });

  it("Docker's classic builder leaves out the candidates that use RUN --mount, with the reason", () => {
    const mounting = candidates.filter((c) => /^RUN --mount/m.test(c.dockerfile)).map((c) => c.id);
    expect(mounting.length).toBeGreaterThan(0);
    const fit = fitEngine(candidates, { kind: 'docker', builder: 'classic', serverVersion: '20.10.24' });
    expect(fit.skipped.map((s) => s.id)).toEqual(mounting);
    expect(fit.skipped[0]?.reason).toMatch(/only BuildKit builds RUN --mount/);
    expect(fit.candidates.map((c) => c.id)).toEqual(
      candidates.map((c) => c.id).filter((id) => !mounting.includes(id)),
    );
    expect(fit.note).toMatch(/classic builder/);
  });

  it('Podman builds RUN --mount through buildah: nothing is left out, one sentence says what differs', () => {
    const fit = fitEngine(candidates, { kind: 'podman', builder: 'classic', serverVersion: '4.3.1' });
    expect(fit.candidates).toEqual(candidates);
    expect(fit.skipped).toEqual([]);
    expect(fit.note).toMatch(
      /^Podman 4\.3\.1 builds with buildah, not BuildKit: .*every race builds cold\.$/,
    );
    expect(fit.note?.split('. ')).toHaveLength(1);
  });
});

describe('the session selects for the engine it connected to', () => {
  it('the classic builder: the RUN --mount candidates are skipped with the reason, the note comes along', () => {
    const all = planCandidates(inputFor(flaskProject, flaskVerdicts));
    const plain = selectCandidates(all);
    const classic = selectCandidates(all, undefined, {
      kind: 'docker',
      builder: 'classic',
      serverVersion: '20.10.24',
    });
    expect(plain.note).toBeUndefined();
    expect(classic.candidates.length).toBeLessThan(plain.candidates.length);
    expect(classic.skipped.map((s) => s.id)).toContain('multistage-wheels');
    expect(classic.note).toMatch(/classic builder/);
  });
});
