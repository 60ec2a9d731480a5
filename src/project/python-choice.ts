import path from 'node:path';
import type { Source } from '../errors.js';
import { poetryToPep440 } from './poetry-spec.js';
import {
  allowsMinor,
  defaultPython,
  fromFlag,
  fromPythonVersionFile,
  fromRuntimeTxt,
  fromSpecifier,
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

/**
 * --python > .python-version > runtime.txt > Pipfile > requires-python (its lowest allowed
 * minor) > Poetry's python key > the newest stable. Warns when the choice contradicts requires-python.
 */
export async function choosePython(
  e: PythonEvidence,
  warnings: { message: string; source?: Source }[],
): Promise<PythonVersion> {
  const chosen = await pick(e);
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

async function pick(e: PythonEvidence): Promise<PythonVersion> {
  if (e.flag !== undefined) return fromFlag(e.flag);
  if (e.pythonVersionFile) {
    return fromPythonVersionFile(
      await readText(e.root, path.join(e.root, '.python-version')),
      '.python-version',
    );
  }
  if (e.runtimeTxt)
    return fromRuntimeTxt(await readText(e.root, path.join(e.root, 'runtime.txt')), 'runtime.txt');
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
    // Poetry's ^/~ become PEP 440 clauses; its `||` alternatives are kept for fromSpecifier.
    const spec = value
      .split('||')
      .map((alt) => poetryToPep440(alt) ?? alt)
      .join('||');
    if (spec.replace(/\|/g, '').trim() !== '')
      return fromSpecifier(spec, source, "Poetry's python constraint", value);
  }
  return defaultPython();
}
