import type { EngineInfo } from '../docker/engine.js';
import type { Candidate } from '../strategies/types.js';
import type { Leaderboard } from './leaderboard.js';
import { markdownReport } from './markdown.js';
import { raceJson } from './race-json.js';

/** The markdown and JSON reports written beside a measured Dockerfile (`race --write` and the wizard). */
export function raceReports(
  projectName: string,
  engine: Pick<EngineInfo, 'builder' | 'host'> & Partial<Pick<EngineInfo, 'kind'>>,
  board: Leaderboard,
  candidates: Candidate[],
  warnings: { message: string; source?: { file: string; line?: number } }[] = [],
) {
  return {
    markdown: markdownReport(projectName, board, candidates),
    json: raceJson(engine, board, candidates, [], false, warnings),
  };
}
