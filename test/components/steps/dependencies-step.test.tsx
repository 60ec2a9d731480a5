import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { DependenciesStep } from '../../../components/steps/dependencies/dependencies-step.js';
import { frameWith, KEY, plain, press } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('dependencies step', () => {
  it('shows a badge per libc and the reason of the focused dependency', async () => {
    const { verdicts } = loadRecording('pure').plan;
    let next = 0;
    const r = render(<DependenciesStep verdicts={verdicts} onNext={() => next++} />);
    cleanup = r.unmount;
    const f = plain(r.lastFrame());
    for (const v of verdicts) {
      const badge = (a: string) =>
        (({ compile: 'compiles', none: 'cannot' }) as Record<string, string>)[a] ?? a;
      expect(f).toMatch(new RegExp(`${v.name}\\s+${badge(v.glibc)}\\s+${badge(v.musl)}\\s+${v.source}`));
    }
    expect(f).toContain(`› ${verdicts[0]!.name}`);
    expect(f).toContain(verdicts[0]!.reason);
    await press(r.stdin, KEY.down);
    const moved = await frameWith(r.lastFrame, `› ${verdicts[1]!.name}`);
    expect(moved).toContain(verdicts[1]!.reason);
    await press(r.stdin, 'k');
    await frameWith(r.lastFrame, `› ${verdicts[0]!.name}`);
    await press(r.stdin, KEY.enter);
    expect(next).toBe(1);
  });

  it('names the packages and traps of a dependency that compiles', () => {
    const { verdicts } = loadRecording('libpq').plan;
    const r = render(<DependenciesStep verdicts={verdicts} onNext={() => {}} />);
    cleanup = r.unmount;
    const f = plain(r.lastFrame());
    expect(f).toMatch(/pqversion\s+compiles\s+compiles/);
    expect(f).toContain('apt: build gcc libc6-dev');
  });
});
