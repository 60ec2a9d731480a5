import { describe, expect, it } from 'vitest';
import { builderStages, schedule } from '../../src/race/schedule.js';
import type { Candidate, StrategyId } from '../../src/strategies/types.js';

const BUILDER = 'FROM python:3.11 AS builder\nRUN pip wheel -w /w -r requirements.txt\n';
const cand = (id: StrategyId, dockerfile: string) => ({ id, dockerfile }) as Candidate;

describe('shared builder stages', () => {
  it('extracts everything before the last FROM, ignoring comments', () => {
    expect(builderStages('FROM python:3.11-slim\nRUN x\n')).toBeUndefined();
    expect(
      builderStages(`# teaches\n${BUILDER}# runtime\nFROM python:3.11-slim\nCOPY --from=builder /w /w\n`),
    ).toBe(BUILDER.trim());
  });

  it('starts the first candidate of a group first; the others wait for its build', () => {
    const s = schedule([
      cand('full', 'FROM python:3.11\nRUN pip install x\n'),
      cand('multistage-venv', `${BUILDER}FROM python:3.11-slim\nCOPY --from=builder /w /w\n`),
      cand('multistage-wheels', `${BUILDER}FROM python:3.11-slim\nRUN pip install /w/*\n`),
      cand('multistage-user', 'FROM python:3.11 AS b\nRUN other\nFROM python:3.11-slim\n'),
      cand('distroless', `${BUILDER}FROM gcr.io/distroless/python3-debian12\n`),
    ]);
    expect(s.order.map((c) => c.id)).toEqual([
      'full',
      'multistage-venv',
      'multistage-user',
      'multistage-wheels',
      'distroless',
    ]);
    expect([...s.waitsFor]).toEqual([
      ['multistage-wheels', 'multistage-venv'],
      ['distroless', 'multistage-venv'],
    ]);
  });
});
