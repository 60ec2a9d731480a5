import { formatSource, UserError } from '../errors.js';
import { INDEX_URL_HINT, indexUrlProblem } from '../index-url.js';
import { clip } from '../one-line.js';
import type { Project } from '../project/types.js';
import type { PyprojectSettings } from '../strategies/index.js';

export const PYPI_SIMPLE = 'https://pypi.org/simple/';

export interface IndexChoice {
  url: string;
  /** '--index-url', 'pyproject.toml:12', 'requirements.txt:1', 'PIP_INDEX_URL', 'default'. */
  source: string;
  /** Whether builds must be told (a default PyPI needs no build arg; a requirements line is read by pip itself). */
  passToBuilds: boolean;
}

/** The index asked for wheel facts and given to builds: flag > pyproject > requirements > env > PyPI. */
export function chooseIndex(
  flag: string | undefined,
  settings: PyprojectSettings,
  project: Project,
  env: NodeJS.ProcessEnv,
): IndexChoice {
  if (flag) return { url: flag, source: '--index-url', passToBuilds: true };
  if (settings.indexUrl) {
    return {
      url: settings.indexUrl.value,
      source: formatSource(settings.indexUrl.source),
      passToBuilds: true,
    };
  }
  if (project.index.indexUrl) {
    return {
      url: project.index.indexUrl.value,
      source: formatSource(project.index.indexUrl.source),
      passToBuilds: false,
    };
  }
  if (env.PIP_INDEX_URL) {
    const problem = indexUrlProblem(env.PIP_INDEX_URL);
    if (problem) {
      throw new UserError(
        `the environment variable PIP_INDEX_URL ${JSON.stringify(clip(env.PIP_INDEX_URL))} ${problem}`,
        `${INDEX_URL_HINT}, or unset it`,
        { file: 'PIP_INDEX_URL (environment)' },
      );
    }
    return { url: env.PIP_INDEX_URL, source: 'PIP_INDEX_URL', passToBuilds: true };
  }
  return { url: PYPI_SIMPLE, source: 'default', passToBuilds: false };
}
