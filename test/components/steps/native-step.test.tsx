import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { type NativeAnswer, NativeStep } from '../../../components/steps/native/native-step.js';
import { compilingOnGlibc, prefillAnswers } from '../../../src/session/index.js';
import { frameWith, KEY, plain, press, type } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function show(name: string) {
  const plan = loadRecording(name).plan;
  const out: { typing: boolean[]; answer?: NativeAnswer } = { typing: [] };
  const r = render(
    <NativeStep
      compiling={compilingOnGlibc(plan)}
      initial={prefillAnswers(plan)}
      onTyping={(t) => out.typing.push(t)}
      onSubmit={(a) => {
        out.answer = a;
      }}
    />,
  );
  cleanup = r.unmount;
  return { ...r, out };
}

describe('native compile step', () => {
  it('is prefilled from the analysis and takes edited package lists', async () => {
    const r = show('libpq');
    const f = plain(r.lastFrame());
    expect(f).toContain('The analysis says pqversion compiles from source on Debian.');
    expect(f).toMatch(/❯ Yes: pqversion/);
    await press(r.stdin, KEY.enter);
    const build = await frameWith(r.lastFrame, 'System packages to build with');
    expect(build).toContain('build-essential, gcc, libc6-dev');
    expect(r.out.typing).toEqual([true]);
    await type(r.stdin, r.lastFrame, ', libpq-dev', 'libc6-dev, libpq-dev');
    await press(r.stdin, KEY.enter);
    await frameWith(r.lastFrame, 'Libraries needed at run time');
    await type(r.stdin, r.lastFrame, 'libpq5');
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({
      compiles: true,
      buildPackages: ['build-essential', 'gcc', 'libc6-dev', 'libpq-dev'],
      runtimePackages: ['libpq5'],
    });
  });

  it('says No for wheels and then only asks for runtime libraries', async () => {
    const r = show('pure');
    expect(plain(r.lastFrame())).toMatch(/❯ No: wheels or pure Python only/);
    await press(r.stdin, KEY.enter);
    const f = await frameWith(r.lastFrame, 'Libraries needed at run time');
    expect(f).not.toContain('System packages to build with');
    await press(r.stdin, KEY.enter);
    expect(r.out.answer).toEqual({ compiles: false, buildPackages: [], runtimePackages: [] });
  });

  it('can be overridden: No although the analysis says it compiles', async () => {
    const r = show('libpq');
    await press(r.stdin, KEY.down, KEY.enter);
    await frameWith(r.lastFrame, 'Libraries needed at run time');
    await press(r.stdin, KEY.enter);
    expect(r.out.answer?.compiles).toBe(false);
  });
});
