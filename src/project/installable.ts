import type { BuildInfo } from './pyproject-build.js';
import type { InstallReason } from './types.js';

export type Installability = InstallReason & { installable: boolean };

export interface InstallEvidence {
  build?: BuildInfo;
  setupPy: boolean;
  setupCfg: boolean;
}

/**
 * Whether `pip install .` turns the project into a wheel. Only a declared build backend or a
 * setup.py does (setup.cfg alone is setuptools' too); an explicit `package = false` /
 * `package-mode = false` / `distribution = false` says the project is an app, not a package.
 */
export function installability(e: InstallEvidence): Installability {
  const flag = e.build?.packageFlag;
  if (flag && !flag.value) {
    return {
      installable: false,
      reason: `${flag.key} = false: the project is not built into a package`,
      source: flag.source,
    };
  }
  if (e.build?.backend) {
    return {
      installable: true,
      reason: `[build-system] names the build backend ${e.build.backend.value}`,
      source: e.build.backend.source,
    };
  }
  if (e.setupPy) return { installable: true, reason: 'setup.py builds it', source: { file: 'setup.py' } };
  if (e.setupCfg)
    return { installable: true, reason: 'setup.cfg configures setuptools', source: { file: 'setup.cfg' } };
  if (flag?.value) {
    // uv builds `package = true` projects with setuptools when no backend is declared.
    return { installable: true, reason: `${flag.key} = true`, source: flag.source };
  }
  return {
    installable: false,
    reason:
      'no [build-system] and no setup.py: nothing builds it into a package, so its code is copied as it is',
  };
}
