import path from 'node:path';
import { isFile, readText } from '../read-text.js';
import { declaredWords } from './declared-words.js';
import { type FinderContext, type Found, found, SCORE } from './found.js';

/**
 * Procfile processes: `web` is the production command (Heroku, Dokku, Render run it); another
 * long-running process is second best; `release` runs once per deploy and is never the entry.
 */
export async function fromProcfile(ctx: FinderContext): Promise<Found[]> {
  const abs = path.join(ctx.root, 'Procfile');
  if (!(await isFile(abs))) return [];
  const out: Found[] = [];
  for (const [i, l] of (await readText(ctx.root, abs)).split('\n').entries()) {
    const m = /^([A-Za-z0-9_-]+):\s*(.*\S)\s*$/.exec(l);
    if (!m?.[1] || !m[2] || m[1] === 'release') continue;
    const source = { file: 'Procfile', line: i + 1 };
    const words = declaredWords(m[2], source, 'Procfile');
    if ('unusable' in words) {
      ctx.warnings.push({ message: `the Procfile ${m[1]} process is not used: ${words.unusable}`, source });
      continue;
    }
    const web = m[1] === 'web';
    const f = found(
      words.argv,
      source,
      `Procfile ${m[1]} process`,
      web ? SCORE.declared : SCORE.declaredOther,
    );
    if (words.shell)
      f.notes.push('it uses shell syntax, so it runs through sh -c: images without a shell cannot run it');
    out.push(f);
  }
  return out;
}
