import { describe, expect, it } from 'vitest';
import { countBuildkitSteps } from '../../src/docker/dockerfile-steps.js';

describe('countBuildkitSteps', () => {
  it('counts FROM, RUN, COPY, ADD, WORKDIR; not ARG, ENV, USER, CMD', () => {
    expect(countBuildkitSteps('FROM a\nARG X\nRUN x\nWORKDIR /app\nCOPY . .\nUSER 1\nCMD ["x"]\n')).toBe(4);
  });

  it('counts the stages the final one needs and skips unused ones', () => {
    const df = `# syntax comment
FROM full AS builder
RUN a && \\
    b
FROM full AS unused
RUN never
FROM slim
COPY --from=builder /opt /opt
ENV PATH=/opt/bin:$PATH
`;
    expect(countBuildkitSteps(df)).toBe(2 + 2);
  });

  it('follows FROM <stage> and numeric --from', () => {
    expect(
      countBuildkitSteps('FROM x AS base\nRUN a\nFROM base AS mid\nRUN b\nFROM y\nCOPY --from=1 /a /a\n'),
    ).toBe(2 + 2 + 2);
  });
});
