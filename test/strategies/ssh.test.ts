import { DockerfileParser, Run } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/project/types.js';
import { fitEngine } from '../../src/race/engine-fit.js';
import { planCandidates } from '../../src/strategies/index.js';
import { isSshUrl, sshSentence } from '../../src/strategies/render/ssh.js';
import { flaskProject, flaskVerdicts, inputFor } from './projects.js';

const withVcs = (vcsUrl: string): Project => ({
  ...flaskProject,
  dependencies: [
    ...flaskProject.dependencies,
    {
      name: 'mylib',
      specifier: '',
      extras: [],
      marker: '',
      source: { file: 'requirements.txt', line: 3 },
      vcsUrl,
    },
  ],
});

/** Each RUN: its --mount values and its arguments, as dockerfile-ast reads them. */
function runs(dockerfile: string) {
  return DockerfileParser.parse(dockerfile)
    .getInstructions()
    .filter((i): i is Run => i instanceof Run)
    .map((i) => ({
      mounts: i
        .getFlags()
        .filter((f) => f.getName() === 'mount')
        .map((f) => f.getValue()),
      args: i.getRawArgumentsContent() ?? '',
    }));
}

const SSH_URL = 'git+ssh://git@git.corp/team/mylib.git@v1.2';

describe('git+ssh requirements', () => {
  it('knows ssh URLs from https ones', () => {
    for (const u of [SSH_URL, 'ssh://git@h/r.git', 'git@github.com:org/repo.git', 'git+git@h:org/r'])
      expect(isSshUrl(u), u).toBe(true);
    for (const u of ['git+https://h/r.git', 'https://me@h:8080/r', 'git+https://git@h/r', 'git+file:///r'])
      expect(isSshUrl(u), u).toBe(false);
  });

  it('every candidate installs an ssh client and lends the install RUN the agent and known_hosts', () => {
    const candidates = planCandidates(inputFor(withVcs(SSH_URL), flaskVerdicts)).filter((c) => c.applicable);
    expect(candidates.length).toBeGreaterThan(3);
    for (const c of candidates) {
      const all = runs(c.dockerfile);
      const install = all.findIndex((r) => r.args.includes('-r requirements.txt'));
      expect(install, c.id).toBeGreaterThanOrEqual(0);
      expect(all[install]!.mounts, c.id).toEqual(
        expect.arrayContaining([
          'type=ssh,required=true',
          'type=secret,id=known_hosts,target=/root/.ssh/known_hosts',
        ]),
      );
      // Only that RUN sees the agent.
      expect(all.filter((r) => r.mounts.some((m) => m?.startsWith('type=ssh'))).length, c.id).toBe(1);
      // The ssh client is there by then: installed before, or within the same RUN.
      expect(
        all.slice(0, install + 1).some((r) => /\bopenssh-client\b/.test(r.args) && /\bgit\b/.test(r.args)),
        c.id,
      ).toBe(true);
      expect(c.needsSsh, c.id).toBe(true);
      expect(c.buildCommand, c.id).toContain(
        '--ssh default --secret id=known_hosts,src=$HOME/.ssh/known_hosts -t flask-app .',
      );
      expect(c.dockerfile, c.id).toContain(`# Build: ${c.buildCommand}`);
      expect(c.dockerfile, c.id).toContain('# git+ssh requirements: BuildKit lends this RUN your ssh agent');
    }
  });

  it('git+https needs none of it', () => {
    for (const c of planCandidates(inputFor(withVcs('git+https://h/team/mylib.git'), flaskVerdicts))) {
      expect(c.dockerfile, c.id).not.toContain('openssh');
      expect(c.dockerfile, c.id).not.toContain('type=ssh');
      expect(c.needsSsh, c.id).toBeUndefined();
      expect(c.buildCommand, c.id).not.toContain('--ssh');
    }
  });

  it('the classic builder and Podman cannot forward the agent, and say so', () => {
    const input = inputFor(withVcs(SSH_URL), flaskVerdicts, { builder: 'classic' });
    expect(sshSentence(input.options)).toMatch(
      /cannot be built by the classic builder: it forwards no ssh agent/,
    );
    expect(sshSentence(inputFor(withVcs(SSH_URL), flaskVerdicts).options)).toMatch(
      /through BuildKit \(--ssh default\)/,
    );
    const candidates = planCandidates(input);
    const classic = fitEngine(candidates, { kind: 'docker', builder: 'classic', serverVersion: '27.0' });
    expect(classic.candidates).toEqual([]);
    expect(classic.skipped[0]?.reason).toContain('the git+ssh requirements need its ssh forwarding');
    const podman = fitEngine(candidates, { kind: 'podman', builder: 'classic', serverVersion: '4.3.1' });
    expect(podman.candidates).toEqual([]);
    expect(podman.skipped[0]?.reason).toContain('forwards no ssh agent');
    // Without ssh, Podman builds them all.
    const plain = planCandidates(inputFor(withVcs('git+https://h/r.git'), flaskVerdicts));
    expect(fitEngine(plain, { kind: 'podman', builder: 'classic', serverVersion: '4.3.1' }).skipped).toEqual(
      [],
    );
  });
});
