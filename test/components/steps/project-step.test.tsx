import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStep, type ProjectStepProps } from '../../../components/steps/project/project-step.js';
import { UserError } from '../../../src/errors.js';
import { frameWith, KEY, plain, press } from '../ink-helpers.js';
import { loadRecording } from '../replay-session.js';

const rec = loadRecording('libpq');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function show(p: Partial<ProjectStepProps>) {
  const calls: string[] = [];
  const props: ProjectStepProps = {
    dir: 'proj',
    engine: { status: 'ready', info: rec.engine },
    planOnly: false,
    onNext: () => calls.push('next'),
    onPlanOnly: () => calls.push('plan-only'),
    ...p,
  };
  const r = render(<ProjectStep {...props} />);
  cleanup = r.unmount;
  return { ...r, calls };
}

describe('project step', () => {
  it('shows a spinner while planning and ignores Enter until the plan is there', async () => {
    const r = show({});
    expect(plain(r.lastFrame())).toContain('Reading proj and asking the package index');
    await press(r.stdin, KEY.enter);
    expect(r.calls).toEqual([]);
  });

  it('shows what was found and where from, and the engine', async () => {
    const r = show({ plan: rec.plan });
    const f = plain(r.lastFrame());
    expect(f).toContain('python    3.11 .python-version:1');
    expect(f).toContain('entry     python app.py app.py:');
    expect(f).toContain(`index     ${rec.plan.index.url} (--index-url)`);
    expect(f).toContain(`Docker ${rec.engine.host} (${rec.engine.serverVersion}, buildkit)`);
    await press(r.stdin, KEY.enter);
    expect(r.calls).toEqual(['next']);
  });

  it('waits for the engine check before going on', async () => {
    const r = show({ plan: rec.plan, engine: { status: 'connecting' } });
    await frameWith(r.lastFrame, 'Connecting to the Docker engine');
    await press(r.stdin, KEY.enter);
    expect(r.calls).toEqual([]);
  });

  it('offers the plan only when no engine answers', async () => {
    const error = new UserError(
      'No Docker engine answers at unix:///var/run/docker.sock (ENOENT).',
      'start Docker',
    );
    const r = show({ plan: rec.plan, engine: { status: 'missing', error } });
    const f = plain(r.lastFrame());
    expect(f).toContain('No Docker engine: candidates cannot be built or measured.');
    expect(f).toContain('what to try: start Docker');
    expect(f).toContain('Enter continue with the plan only');
    await press(r.stdin, KEY.enter);
    expect(r.calls).toEqual(['plan-only', 'next']);
  });

  it('shows a scan error as file:line with what to try', () => {
    const error = new UserError('invalid requirement "flask=="', 'fix the version', {
      file: 'requirements.txt',
      line: 3,
    });
    const f = plain(show({ planError: error }).lastFrame());
    expect(f).toContain('Could not read the project in proj');
    expect(f).toContain('requirements.txt:3: invalid requirement "flask=="');
    expect(f).toContain('what to try: fix the version');
    expect(f).not.toMatch(/at .*\.ts:\d+/);
  });
});
