import type { Manager } from './types.js';

/** What was found on disk, enough to decide which tool manages the dependencies. */
export interface ManagerEvidence {
  uvLock: boolean;
  poetryLock: boolean;
  pdmLock: boolean;
  pipfile: boolean;
  /** The requirements file that would be read, if any. */
  requirements?: string;
  pyproject?: {
    /** A `[project]` table exists / how many main dependencies it lists. */
    pep621Declared: boolean;
    pep621Count: number;
    poetry: boolean;
    poetryDeps: number;
    pdm: boolean;
  };
  /** setup.py, setup.cfg or any .py file at the root. */
  pythonCode: boolean;
}

export interface ManagerChoice {
  manager: Manager;
  why: string;
  /** Files that hold dependencies but are not used, with the reason (become warnings). */
  ignored: string[];
}

/** The lock file (or tool section) is the strongest signal; a requirements.txt beats bare PEP 621. */
export function chooseManager(e: ManagerEvidence): ManagerChoice | undefined {
  const py = e.pyproject;
  const req = e.requirements;
  const ignored: string[] = [];
  const unused = (file: string | undefined | false, why: string) => {
    if (file) ignored.push(`${file} is not used: ${why}`);
  };
  if (py && e.uvLock) {
    unused(req, 'uv.lock pins what uv installs');
    unused(e.pipfile && 'Pipfile', 'uv.lock pins what uv installs');
    return { manager: 'uv', why: 'pyproject.toml with uv.lock', ignored };
  }
  if (py && (e.poetryLock || (py.poetry && (py.poetryDeps > 0 || !req)))) {
    unused(req, 'the project is managed by Poetry (pyproject.toml)');
    unused(e.pipfile && 'Pipfile', 'the project is managed by Poetry (pyproject.toml)');
    return {
      manager: 'poetry',
      why: e.poetryLock ? 'pyproject.toml with poetry.lock' : '[tool.poetry] in pyproject.toml',
      ignored,
    };
  }
  if (py && (e.pdmLock || py.pdm)) {
    unused(req, 'the project is managed by PDM');
    return {
      manager: 'pdm',
      why: e.pdmLock ? 'pyproject.toml with pdm.lock' : '[tool.pdm] in pyproject.toml',
      ignored,
    };
  }
  if (e.pipfile) {
    unused(req, 'Pipfile is what pipenv installs');
    return { manager: 'pipenv', why: 'Pipfile', ignored };
  }
  if (req) {
    if (py && py.pep621Count > 0) {
      ignored.push(
        `pyproject.toml's ${py.pep621Count} [project] dependencies are not read: ${req} (usually the pinned set) is what gets installed`,
      );
    }
    return { manager: 'pip', why: req, ignored };
  }
  if (py?.pep621Declared) return { manager: 'pep621', why: 'pyproject.toml [project]', ignored };
  if (py || e.pythonCode) return { manager: 'pip', why: 'no dependency list found', ignored };
  return undefined;
}
