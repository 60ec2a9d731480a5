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

describe('builder stages shared in part', () => {
  const debian = 'FROM debian:12 AS debian-builder\nRUN apt-get install python3-venv\n';
  const trimmed = 'FROM debian-builder AS debian-trimmed\nRUN strip x\n';

  it("a candidate whose first builder stages are another one's waits for it (closure after distroless)", () => {
    const s = schedule([
      cand('distroless', `${debian}${trimmed}FROM distroless\nCOPY --from=debian-trimmed /opt /opt\n`),
      cand('closure', `${debian}${trimmed}FROM debian-trimmed AS closure-root\nRUN cp\nFROM scratch\n`),
    ]);
    expect([...s.waitsFor]).toEqual([['closure', 'distroless']]);
  });

  it('a shared stage without any work (a bare FROM) is no reason to wait', () => {
    const env = 'FROM python:3.11 AS build-env\n';
    const s = schedule([
      cand('multistage-venv', `${env}FROM build-env AS v\nRUN venv\nFROM slim\n`),
      cand('multistage-user', `${env}FROM build-env AS u\nRUN user\nFROM slim\n`),
    ]);
    expect(s.waitsFor.size).toBe(0);
  });

  it('waits for the leader it shares most with, never for another follower', () => {
    const env = 'FROM python:3.11 AS build-env\nRUN apt-get install libpq-dev\n';
    const s = schedule([
      cand('multistage-venv', `${env}FROM build-env AS v\nRUN venv\nFROM slim\n`),
      cand('multistage-user', `${env}FROM build-env AS u\nRUN user\nFROM slim\n`),
      cand('multistage-wheels', `${env}FROM build-env AS u\nRUN user\nFROM other\n`),
    ]);
    expect([...s.waitsFor]).toEqual([
      ['multistage-user', 'multistage-venv'],
      ['multistage-wheels', 'multistage-venv'],
    ]);
  });
});
