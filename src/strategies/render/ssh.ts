import type { Options } from '../types.js';

/**
 * git over ssh (`git+ssh://git@host/org/repo.git`, `git@host:org/repo.git` in a lock) in the
 * builder: an ssh client next to git, and for the install RUN only BuildKit lends it the user's
 * ssh agent (`--mount=type=ssh`) and ~/.ssh/known_hosts (a secret), so the host key is checked as
 * on the user's machine and no key or host list is in any layer. The classic builder and Podman's
 * Docker-compatible API forward no agent.
 */

/** Whether a VCS URL reaches its host over ssh. */
export function isSshUrl(url: string): boolean {
  // ssh://…, git+ssh://…, or scp-like user@host:path (no '//' after the colon).
  return /^(?:git\+)?ssh:\/\//i.test(url) || /^(?:git\+)?[\w.-]+@[\w.-]+:(?!\/\/)/.test(url);
}

export const SSH_CLIENT = { apt: ['openssh-client'], apk: ['openssh-client'] };

export const KNOWN_HOSTS_SECRET = 'known_hosts';

/** Mounts for the install RUN: the forwarded agent and the user's known hosts. */
export const SSH_MOUNTS = [
  // required: without an agent the build stops at this RUN and says so, instead of git failing later.
  'type=ssh,required=true',
  `type=secret,id=${KNOWN_HOSTS_SECRET},target=/root/.ssh/known_hosts`,
];

/** The words `docker build` needs for them ($HOME is left to the shell). */
export const SSH_BUILD_WORDS = [
  '--ssh',
  'default',
  '--secret',
  `id=${KNOWN_HOSTS_SECRET},src=$HOME/.ssh/known_hosts`,
];

export const SSH_NOTE = [
  'git+ssh requirements: BuildKit lends this RUN your ssh agent (--mount=type=ssh; build with',
  '--ssh default) and your ~/.ssh/known_hosts (a secret), so git checks the host key as on your',
  'machine. Neither the key nor the host list ends up in a layer or in the image history.',
];

/** One sentence for the plan: how the ssh login reaches git, or why this builder cannot. */
export function sshSentence(options: Options): string {
  return options.builder === 'classic'
    ? 'git+ssh requirements cannot be built by the classic builder: it forwards no ssh agent (RUN --mount=type=ssh needs BuildKit); build with DOCKER_BUILDKIT=1 or docker buildx'
    : 'git+ssh requirements: your ssh agent (SSH_AUTH_SOCK) and ~/.ssh/known_hosts reach the install RUN only, through BuildKit (--ssh default); no key is in a layer';
}
