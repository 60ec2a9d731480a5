import path from 'node:path';
import type { Source } from '../errors.js';
import { poetryToPep440 } from './poetry-spec.js';
import { endOfLife, endOfLifeText } from './python-eol.js';
import {
  allowsMinor,
  checkSupported,
  defaultPython,
  fromFlag,
  fromPythonVersionFile,
  fromRuntimeTxt,
  fromSpecifier,
  NEWEST_SUPPORTED,
  newestAllowedMinor,
  parseVersionText,
} from './python-version.js';
import { readText } from './read-text.js';
import type { PythonVersion } from './types.js';

export interface PythonEvidence {
  root: string;
  flag?: string;
  pythonVersionFile: boolean;
  runtimeTxt: boolean;
  pipfilePython?: { value: string; source: Source };
  requiresPython?: { value: string; source: Source };
  poetryPython?: { value: string; source: Source };
}

type Warnings = { message: string; source?: Source }[];

/**
 * --python > .python-version > runtime.txt > Pipfile > requires-python (its newest allowed
 * minor) > Poetry's python key > the newest stable. Warns when the choice contradicts
 * requires-python, and when it is end of life on `today` (with the newest the project allows).
 */
export async function choosePython(
  e: PythonEvidence,
  warnings: Warnings,
  today: Date = new Date(),
): Promise<PythonVersion> {
  const chosen = await pick(e, warnings, today);
  const eol = endOfLife(chosen.version, today);
  if (eol !== undefined) {
    warnings.push({ message: endOfLifeWarning(chosen, eol, e), source: chosen.source });
  }
  const rp = e.requiresPython;
  if (rp && chosen.source !== rp.source) {
    const minor = Number(chosen.version.split('.')[1]);
    if (!allowsMinor(rp.value, minor, rp.source)) {
      warnings.push({
        message: `Python ${chosen.version} (${chosen.reason}) is outside requires-python '${rp.value}'`,
        source: rp.source,
      });
    }
  }
  return chosen;
}

/** What the project's own constraint allows at most (requires-python, else Poetry's), and its name. */
function newestAllowed(e: PythonEvidence): { version: string; by?: string } {
  const constraint = e.requiresPython?.value.trim()
    ? { spec: e.requiresPython.value, source: e.requiresPython.source, by: 'requires-python' }
    : e.poetryPython?.value.trim()
      ? { spec: poetrySpec(e.poetryPython.value), source: e.poetryPython.source, by: "Poetry's python" }
      : undefined;
  if (!constraint) return { version: NEWEST_SUPPORTED };
  const minor = newestAllowedMinor(constraint.spec, constraint.source);
  return minor === undefined ? { version: NEWEST_SUPPORTED } : { version: `3.${minor}`, by: constraint.by };
}

function endOfLifeWarning(chosen: PythonVersion, since: string, e: PythonEvidence): string {
  const head = `Python ${chosen.version} (${chosen.reason}) ${endOfLifeText(since)}: no security fixes, and its last official images are never updated`;
  const newest = newestAllowed(e);
  if (newest.version === chosen.version) {
    return `${head}; ${newest.by ?? 'slim-py'} allows nothing newer: widen it to move on`;
  }
  const allows = newest.by ? `the newest ${newest.by} allows` : 'the newest slim-py has images for';
  const where = chosen.source.file === '--python' ? '' : ` or write it in ${chosen.source.file}`;
  return `${head}; ${allows} is ${newest.version}: pass --python ${newest.version}${where}`;
}

/** Poetry's ^/~ become PEP 440 clauses; its `||` alternatives are kept for fromSpecifier. */
function poetrySpec(value: string): string {
  return value
    .split('||')
    .map((alt) => poetryToPep440(alt) ?? alt)
    .join('||');
}

async function pick(e: PythonEvidence, warnings: Warnings, today: Date): Promise<PythonVersion> {
  if (e.flag !== undefined) return fromFlag(e.flag);
  if (e.pythonVersionFile) {
    return fromPythonVersionFile(
      await readText(e.root, path.join(e.root, '.python-version')),
      '.python-version',
    );
  }
  if (e.runtimeTxt) {
    const named = fromRuntimeTxt(await readText(e.root, path.join(e.root, 'runtime.txt')), 'runtime.txt');
    const eol = endOfLife(named.version, today);
    if (eol === undefined)
      return { ...named, version: checkSupported(named.version, named.version, named.source) };
    // runtime.txt is Heroku's older file and often stale (Heroku no longer builds end-of-life
    // Pythons): the rest of the project decides instead, with a word.
    const rest = await pick({ ...e, runtimeTxt: false }, warnings, today);
    warnings.push({
      message: `runtime.txt names Python ${named.version}, which ${endOfLifeText(eol)}: using ${rest.version} instead (${rest.reason}); put a supported version in .python-version to choose`,
      source: named.source,
    });
    return { ...rest, reason: `runtime.txt's ${named.version} is end of life, so: ${rest.reason}` };
  }
  if (e.pipfilePython) {
    const { value, source } = e.pipfilePython;
    return {
      version: parseVersionText(value, source, 'Pipfile python_version'),
      source,
      reason: 'from Pipfile [requires]',
    };
  }
  if (e.requiresPython && e.requiresPython.value.trim() !== '') {
    return fromSpecifier(e.requiresPython.value, e.requiresPython.source, 'requires-python');
  }
  if (e.poetryPython) {
    const { value, source } = e.poetryPython;
    const spec = poetrySpec(value);
    if (spec.replace(/\|/g, '').trim() !== '')
      return fromSpecifier(spec, source, "Poetry's python constraint", value);
  }
  return defaultPython();
}
