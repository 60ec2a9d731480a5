import type { Source } from '../errors.js';

export type Manager = 'pip' | 'poetry' | 'pdm' | 'pipenv' | 'uv' | 'pep621';

export interface Dependency {
  /** PEP 503 normalised: lower case, runs of -_. become '-'. */
  name: string;
  /** As written, e.g. '==1.1.1', '>=2,<3', '' when unpinned. Poetry ^/~ are translated to PEP 440. */
  specifier: string;
  extras: string[];
  /** PEP 508 environment marker as written, '' when none. */
  marker: string;
  source: Source;
  /** Version pinned by a lock file (uv.lock / poetry.lock / Pipfile.lock) when one is present. */
  locked?: { version: string; source: Source };
  /** `-e path` or a local path / file: URL: must be copied into the build context. */
  localPath?: string;
  editable?: boolean;
  /** VCS URL (git+https://...): the builder needs git. */
  vcsUrl?: string;
  /** Direct URL (https://.../x.whl). */
  url?: string;
  /** The optional-dependency group / dev group it came from, when not a main dependency. */
  group?: string;
}

export interface IndexSettings {
  indexUrl?: { value: string; source: Source };
  extraIndexUrls: { value: string; source: Source }[];
  findLinks: { value: string; source: Source }[];
  /** `--no-index` was given: pip uses only --find-links. */
  noIndex?: Source;
  /** `--trusted-host` values (plain-http indexes need them). */
  trustedHosts?: { value: string; source: Source }[];
}

export interface PythonVersion {
  /** major.minor, e.g. '3.12'. */
  version: string;
  source: Source;
  /** Why this version: e.g. 'from .python-version' or 'no version declared; 3.13 ...'. */
  reason: string;
}

export interface EntryCommand {
  /** Exec-form argv, e.g. ['gunicorn', 'app:app', '--bind', '0.0.0.0:8000']. */
  argv: string[];
  /** The same as one shell-ish string for display. */
  command: string;
  source: Source;
  /** Why this command: e.g. 'Procfile web process', 'Flask app in app.py and gunicorn in the dependencies'. */
  reason?: string;
}

export interface ProjectFile {
  path: string; // relative to root
  kind:
    | 'requirements'
    | 'constraints'
    | 'pyproject'
    | 'pipfile'
    | 'pipfile-lock'
    | 'uv-lock'
    | 'poetry-lock'
    | 'pdm-lock'
    | 'python-version'
    | 'runtime-txt'
    | 'procfile'
    | 'dockerfile'
    | 'dockerignore';
}

export interface Project {
  /** Absolute path. */
  root: string;
  name: string;
  manager: Manager;
  files: ProjectFile[];
  python: PythonVersion;
  /** Runtime dependencies (optional groups are listed but marked with `group`). */
  dependencies: Dependency[];
  index: IndexSettings;
  entry?: EntryCommand;
  /** Whether the project itself is an installable package (pyproject with a build backend / setup.py). */
  installable: boolean;
  /** Top-level importable names of the app's own code (package dirs and modules at the root or in src/). */
  appModules: string[];
  /** Paths (relative) that a build context must include for local path deps. */
  localPaths: string[];
  /** Non-fatal observations shown to the user ("Pipfile.lock is older than Pipfile"). */
  warnings: { message: string; source?: Source }[];
}
