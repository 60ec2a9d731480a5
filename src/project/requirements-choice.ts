import path from 'node:path';
import { type Source, UserError } from '../errors.js';
import { devTools, looksLikeDevSet } from './groups.js';
import { REQUIREMENTS_CANDIDATES } from './project-files.js';
import { isFile } from './read-text.js';
import type { RequirementsReader } from './requirements.js';

type Warnings = { message: string; source?: Source }[];

/**
 * The requirements file the image installs: `--requirements FILE`, else the one found — unless
 * it looks like the dev/test set (pytest, mypy, ruff... make up half of it) and a production
 * file exists next to it (requirements/prod.txt, one it includes), which is then used instead.
 */
export async function chooseRequirements(
  root: string,
  found: string | undefined,
  others: string[],
  flag: string | undefined,
  warnings: Warnings,
  read: RequirementsReader,
): Promise<string | undefined> {
  if (flag !== undefined) {
    const rel = path.posix.normalize(flag.replace(/\\/g, '/'));
    if (rel.startsWith('..') || path.isAbsolute(rel) || !(await isFile(path.join(root, rel)))) {
      throw new UserError(
        `--requirements ${flag}: no such file in the project`,
        'give a requirements file relative to the project folder, e.g. --requirements requirements/prod.txt',
      );
    }
    return rel;
  }
  if (found === undefined) return undefined;
  const first = await read(found);
  const direct = first.dependencies.filter((d) => d.source.file === found);
  const tools = devTools(first.dependencies);
  if (!looksLikeDevSet(direct)) {
    if (tools.length > 0)
      warnings.push({
        message: `${found} installs development tools into the image: ${tools.join(', ')}`,
        source: { file: found },
      });
    return found;
  }
  const what = `${found} looks like the dev/test set (${devTools(direct).join(', ')}: ${devTools(direct).length} of ${direct.length})`;
  const included = first.files.map((f) => f.path).filter((p) => p !== found);
  const candidates = [...REQUIREMENTS_CANDIDATES.filter((c) => c !== found), ...included, ...others];
  for (const c of [...new Set(candidates)]) {
    if (
      !(await isFile(path.join(root, c))) ||
      /(^|[/_.-])(dev|test|tests|testing|lint|docs?|ci)([/_.-]|$)/i.test(c)
    )
      continue;
    const r = await read(c);
    if (r.dependencies.length === 0 || looksLikeDevSet(r.dependencies)) continue;
    warnings.push({
      message: `${what}: installing ${c} instead (--requirements ${found} keeps it)`,
      source: { file: found },
    });
    return c;
  }
  warnings.push({
    message: `${what}, and no production requirements file was found: it is installed as it is (pass --requirements FILE)`,
    source: { file: found },
  });
  return found;
}
