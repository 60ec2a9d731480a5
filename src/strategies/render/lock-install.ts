import { UserError } from '../../errors.js';
import { markerError } from '../../pep/marker.js';
import type { LockedInstall, LockNode } from '../../project/lock/index.js';
import { isValidName } from '../../project/normalize.js';
import { shellWord } from './escape.js';

/** The requirements file slim-py writes from a lock, beside the Dockerfile (it is in the build context). */
export const LOCK_FILE = 'slim-py.lock.txt';

const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;
const URL_TEXT = /^[^\s'"\\]+$/;

function bad(node: LockNode, what: string): never {
  throw new UserError(
    `${node.source.file}: ${node.name}'s ${what} cannot be written as a pip requirement`,
    'regenerate the lock with its tool',
    node.source,
  );
}

/** A marker pip reads on a requirements line: valid PEP 508, and nothing pip would take for an option. */
function markerText(node: LockNode, marker: string): string {
  if (!marker) return '';
  if (markerError(marker) || /\s-/.test(marker)) bad(node, `marker '${marker}'`);
  return ` ; ${marker}`;
}

export interface LockRender {
  /** The file's text (index packages, pinned, with their hashes when every one has them). */
  text: string;
  /** pip arguments installing it. */
  args: string[];
  /** A second pip invocation for what cannot be hash-checked (VCS at its commit, paths, URLs). */
  also: string[];
  hashed: boolean;
  /** The lock pins everything: pip installs nothing it did not name (--no-deps). */
  complete: boolean;
}

/**
 * Every locked package at its pin. Index packages go into LOCK_FILE, each with its hashes
 * (pip's hash-checking mode needs them for all, so one without hashes turns it off for all);
 * VCS packages at the commit the lock resolved; local ones from their folder. When the lock is
 * missing a package an edge needs, pip resolves that one (no --no-deps, no hash checking).
 */
export function renderLock(lock: LockedInstall, tool: string): LockRender {
  const index = lock.packages
    .filter((p) => p.node.origin.kind === 'index')
    .sort((a, b) => a.node.name.localeCompare(b.node.name));
  const complete = lock.missing.length === 0;
  const hashed = complete && index.length > 0 && index.every((p) => p.node.hashes.length > 0);
  const lines = index.map(({ node, marker }) => {
    if (!isValidName(node.name)) bad(node, 'name');
    if (!VERSION.test(node.version)) bad(node, `version '${node.version}'`);
    const head = `${node.name}==${node.version}${markerText(node, marker)}`;
    return hashed ? [head, ...node.hashes.map((h) => `    --hash=${h}`)].join(' \\\n') : head;
  });
  const also = lock.packages.flatMap(({ node, marker }) => {
    const o = node.origin;
    if (o.kind === 'vcs') {
      if (!URL_TEXT.test(o.url) || !/^[0-9a-f]{7,64}$/i.test(o.commit))
        bad(node, `git source '${o.url}#${o.commit}'`);
      const url = o.url.replace(/^git\+/, '');
      return [
        shellWord(`${node.name} @ git+${url}@${o.commit}${markerText(node, marker)}`, 'the requirement'),
      ];
    }
    if (o.kind === 'url') {
      if (!URL_TEXT.test(o.url)) bad(node, `URL '${o.url}'`);
      return [shellWord(`${node.name} @ ${o.url}${markerText(node, marker)}`, 'the requirement')];
    }
    if (o.kind === 'path')
      return [shellWord(o.path.startsWith('.') ? o.path : `./${o.path}`, 'the local path')];
    return [];
  });
  const header = [
    `# Written by slim-py from ${lock.file}: what the production image installs, each at its locked`,
    `# version${hashed ? ' with its hashes' : ''}. Regenerate it with slim-py race --write (${tool}).`,
    ...(complete
      ? []
      : [`# ${lock.file} does not pin ${lock.missing.map((m) => m.name).join(', ')}: pip resolves those.`]),
  ];
  const noDeps = complete ? ['--no-deps'] : [];
  return {
    text: `${[...header, ...lines].join('\n')}\n`,
    args: index.length
      ? [...noDeps, ...(hashed ? ['--require-hashes'] : []), `--requirement=${LOCK_FILE}`]
      : [],
    also: also.length ? [...noDeps, ...also] : [],
    hashed,
    complete,
  };
}
