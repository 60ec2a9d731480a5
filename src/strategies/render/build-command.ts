import { redactText, splitCredentials } from '../../redact.js';
import { quoteWord } from '../../shell-words.js';
import type { Options } from '../types.js';
import { credentialCarrier, indexUrls, NETRC_SECRET } from './credentials.js';
import { repositoryName } from './escape.js';
import { SSH_BUILD_WORDS } from './ssh.js';

export interface BuildCommandInput {
  options: Options;
  /** The project's name: the image tag. */
  name: string;
  /** The Dockerfile uses RUN --mount: BuildKit is needed. */
  needsBuildKit: boolean;
  /** The install RUN mounts the ssh agent and known hosts (git+ssh requirements). */
  needsSsh?: boolean;
  /** `-f` when the Dockerfile is not CONTEXT/Dockerfile (as typed from where slim-py runs). */
  dockerfile?: string;
  /** The build context as typed; default '.'. */
  context?: string;
}

export interface BuildCommand {
  /** The exact command, with no password in it: copy-paste it and the build is the race's build. */
  command: string;
  /** What the command expects to be there (the netrc with the credentials, an exported variable). */
  notes: string[];
}

/**
 * The one `docker build` command for a candidate: the Dockerfile header, the wizard's last step
 * and the JSON all show this. Credentials never appear: a netrc secret is named by its file, a
 * build arg is taken from the environment (`--build-arg NAME` without a value).
 */
export function buildCommand(i: BuildCommandInput): BuildCommand {
  const { options } = i;
  const carrier = credentialCarrier(options);
  const words = ['docker', 'build'];
  const notes: string[] = [];
  if (options.network) words.push('--network', options.network);
  if (carrier === 'secret') {
    words.push('--secret', `id=${NETRC_SECRET},src=$HOME/.netrc`);
    const hosts = indexUrls(options).flatMap((u) => splitCredentials(u)?.host ?? []);
    notes.push(
      `~/.netrc holds the index login (pip reads it): machine ${[...new Set(hosts)].join(', ')} login USER password ***`,
    );
  } else if (carrier === 'build-arg') {
    const names = ['PIP_INDEX_URL', ...(options.extraIndexUrls.length ? ['PIP_EXTRA_INDEX_URL'] : [])];
    for (const n of names) words.push('--build-arg', n);
    notes.push(
      `export ${names.join(' and ')} with the password first (${redactText(indexUrls(options)[0] ?? '')}); ` +
        'the classic builder keeps build args in the history of the stage that installs',
    );
  }
  if (i.needsSsh) {
    words.push(...SSH_BUILD_WORDS);
    notes.push('ssh-add your key first: git reaches the git+ssh requirements through your ssh agent');
  }
  if (i.dockerfile) words.push('-f', i.dockerfile);
  words.push('-t', repositoryName(i.name), i.context ?? '.');
  // $HOME stays unquoted: the shell expands it.
  const command = words.map((w) => (w.includes('$HOME') ? w : quoteWord(w))).join(' ');
  return { command: `${i.needsBuildKit ? 'DOCKER_BUILDKIT=1 ' : ''}${command}`, notes };
}
