import type { Source } from '../errors.js';
import type { FormatOption } from './format-control.js';
import type { LockedInstall } from './lock/types.js';

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
  /** The named index it must come from (`torch = { index = "pytorch-cpu" }`, Poetry's `source =`). */
  index?: string;
  /** `{ workspace = true }` in [tool.uv.sources]: a member of the uv workspace (its folder is found). */
  workspace?: boolean;
  /** VCS URL (git+https://...): the builder needs git. */
  vcsUrl?: string;
  /** Direct URL (https://.../x.whl). */
  url?: string;
  /** The optional-dependency group / dev group it came from, when not a main dependency. */
  group?: string;
  /** What `group` is: an extra (`pip install .[name]`) or a dependency group (the default). */
  groupKind?: 'extra' | 'group';
}

export interface IndexSettings {
  indexUrl?: { value: string; source: Source };
  extraIndexUrls: { value: string; source: Source }[];
  findLinks: { value: string; source: Source }[];
  /** `--no-index` was given: pip uses only --find-links. */
  noIndex?: Source;
  /** `--no-binary` / `--only-binary` lines, in the order pip reads them (see format-control.ts). */
  formats?: FormatOption[];
  /** `--trusted-host` values (plain-http indexes need them). */
  trustedHosts?: { value: string; source: Source }[];
  /** Indexes with a name (`[[tool.uv.index]]`, `[[tool.poetry.source]]`) that packages can be pinned to. */
  named?: { name: string; url: string; source: Source }[];
}

export interface PythonVersion {
  /** major.minor, e.g. '3.12'. */
  version: string;
  source: Source;
  /** Why this version: e.g. 'from .python-version' or 'no version declared; 3.13 ...'. */
  reason: string;
}

export interface EntryCommand {
  /**
   * Exec-form argv, e.g. ['gunicorn', 'app:app']. It may name `$PORT` (a Procfile does; slim-py
   * adds it to servers that need a port): the image sets PORT and expands it without a shell.
   * Paths in it are relative to `cwd`.
   */
  argv: string[];
  /** The same as one shell-ish string for display. */
  command: string;
  source: Source;
  /** Why this command: e.g. 'Procfile web process', 'Flask app in app.py and gunicorn in the dependencies'. */
  reason?: string;
  /** The TCP port it listens on (ENV PORT and EXPOSE); absent when it is not a network server. */
  port?: number;
  /** Inferred from the code rather than declared by the project (the plan says it guessed). */
  guessed?: boolean;
  /**
   * Root-relative folder it runs in: '.' for commands declared at the root (Procfile) and for
   * installed projects; the import root for a script found there (`python server.py` in src/).
   */
  cwd?: string;
  /** Project files it names, relative to `cwd` (`gunicorn.conf.py`): an installed project copies them. */
  files?: string[];
}

/** The folder the app's own modules are imported from (where `import app` works). */
export interface ImportRoot {
  /** Root-relative posix path: '.', 'src', 'backend'. */
  path: string;
  source: Source;
  /** Why: 'src/ layout: package src/hello', "[tool.setuptools] package-dir maps '' to src". */
  reason: string;
}

/** Why `pip install .` does (not) build the project into a wheel. */
export interface InstallReason {
  reason: string;
  source?: Source;
}

/** A dependency group or extra, and whether the production image installs it. */
export interface DependencyGroup {
  name: string;
  kind: 'extra' | 'group';
  included: boolean;
  /** Why it is (not) installed: 'looks like a production group', 'dev/test tooling', '--group'. */
  reason: string;
  /** Decided by its name, not by a flag or the wizard: the text plan says which flag changes it. */
  byDefault: boolean;
  source: Source;
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
  /** Other plausible entry commands, best first (the wizard offers them as choices). */
  entryChoices: EntryCommand[];
  /** Whether the project itself is an installable package (a declared build backend, or setup.py). */
  installable: boolean;
  /** Why it is (not) installable. */
  installReason: InstallReason;
  /** Where the app's own modules import from. */
  importRoot: ImportRoot;
  /** Top-level importable names of the app's own code (packages and modules in the import root). */
  appModules: string[];
  /** Dependency groups and extras, with what the production image takes (`included`). */
  groups: DependencyGroup[];
  /** From a lock file: every package the production set reaches (transitive ones too), at its pin. */
  lock?: LockedInstall;
  /** Paths (relative) that a build context must include for local path deps. */
  localPaths: string[];
  /** Non-fatal observations shown to the user ("Pipfile.lock is older than Pipfile"). */
  warnings: { message: string; source?: Source }[];
}
