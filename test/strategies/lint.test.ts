import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planCandidates } from '../../src/strategies/index.js';
import type { Options } from '../../src/strategies/types.js';
import { lintDockerfile, parseDockerfile } from './dockerfile-lint.js';
import {
  flaskProject,
  flaskVerdicts,
  inputFor,
  pgProject,
  pgVerdicts,
  poetryProject,
  poetryVerdicts,
} from './projects.js';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

describe('the lint catches what it claims to', () => {
  const bad: [string, string][] = [
    ['FROM python\nCMD ["python"]\n', 'DL3006'],
    ['FROM python:latest\nCMD ["python"]\n', 'DL3007'],
    ['FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCMD ["x"]\n', 'DL3015'],
    [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nCMD ["x"]\n',
      'DL3009',
    ],
    [
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get install --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\nCMD ["x"]\n',
      'DL3014',
    ],
    ['FROM alpine:3.20\nRUN apk add gcc\nCMD ["x"]\n', 'DL3019'],
    ['FROM python:3.12\nRUN pip install flask\nCMD ["x"]\n', 'DL3042'],
    ['FROM python:3.12\nCMD python app.py\n', 'DL3025'],
    ['FROM python:3.12\nRUN useradd app\nUSER app\nCMD ["x"]\n', 'DL3046'],
    ['FROM python:3.12\nRUN curl x | sh\nCMD ["x"]\n', 'DL4006'],
    ['FROM python:3.12\nCOPY --from=builder /x /x\nCMD ["x"]\n', 'DL3022'],
    ['FROM python:3.12\nENV PIP_INDEX_URL=https://u:p@example.com/simple\nCMD ["x"]\n', 'must be an ARG'],
    ['FROM python:3.12\nUSER root\nCMD ["x"]\n', 'DL3002'],
    ['FROM python:3.12\nCMD ["x"]\nCMD ["y"]\n', 'DL4003'],
  ];
  it.each(bad)('%j → %s', (text, rule) => {
    expect(lintDockerfile(text, { nonRoot: true }).join('\n')).toContain(rule);
  });

  it('a shell-form RUN in a shell-less final stage is reported', () => {
    const text = 'FROM gcr.io/distroless/python3-debian12:nonroot\nRUN echo hi\nUSER 65532\nCMD ["x"]\n';
    expect(lintDockerfile(text, { nonRoot: true, noShellFinal: true }).join('\n')).toContain(
      'shell-form RUN',
    );
  });

  it('joins continuation lines into one instruction', () => {
    const [stage] = parseDockerfile('FROM a:1\n# note\nRUN one \\\n    && two\nCMD ["x"]\n');
    expect(stage?.instructions.map((i) => [i.keyword, i.args, i.line])).toEqual([
      ['RUN', 'one  && two', 3],
      ['CMD', '["x"]', 5],
    ]);
  });
});

describe('every golden Dockerfile passes the lint', () => {
  const files = readdirSync(GOLDEN, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.Dockerfile'),
  );
  it('there are 18 of them', () => expect(files).toHaveLength(18));
  it.each(files)('%s', (f) => {
    const text = readFileSync(path.join(GOLDEN, f), 'utf8');
    expect(lintDockerfile(text, { nonRoot: true, noShellFinal: f.includes('distroless') })).toEqual([]);
  });
});

describe('every option combination renders lint-clean Dockerfiles', () => {
  const combos: Partial<Options>[] = [];
  for (const nonRoot of [true, false])
    for (const bytecode of ['none', 'imports', 'all'] as const)
      for (const trim of [true, false])
        for (const cacheMounts of [true, false])
          combos.push({
            nonRoot,
            bytecode,
            trim,
            cacheMounts,
            ...(bytecode === 'imports' ? { startupImports: ['json', 'app', 'flask.app'] } : {}),
          });
  const projects = [
    ['flask', flaskProject, flaskVerdicts],
    ['pg', pgProject, pgVerdicts],
    ['poetry', poetryProject, poetryVerdicts],
  ] as const;
  it.each(projects)('%s: 24 combinations × 9 strategies', (_, project, verdicts) => {
    for (const combo of combos) {
      for (const c of planCandidates(inputFor(project, verdicts, combo))) {
        const problems = lintDockerfile(c.dockerfile, {
          nonRoot: combo.nonRoot ?? true,
          noShellFinal: c.id === 'distroless' || c.id === 'closure',
        });
        expect(problems, `${c.id} ${JSON.stringify(combo)}\n${c.dockerfile}`).toEqual([]);
        const froms = parseDockerfile(c.dockerfile).length;
        if (c.id.startsWith('multistage') || c.id === 'distroless' || c.id === 'closure')
          expect(froms, c.id).toBeGreaterThanOrEqual(2);
        else expect(froms, c.id).toBe(1);
      }
    }
  });
});
