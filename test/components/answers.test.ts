import { describe, expect, it } from 'vitest';
import { entryProblem } from '../../components/answers.js';
import { initialState, wizardReducer } from '../../components/state.js';
import {
  applyAnswers,
  createSession,
  type PlanResult,
  prefillAnswers,
  suggestedStrategies,
} from '../../src/session/index.js';
import { planProject } from '../../src/session/plan.js';
import { tempProject } from '../project/temp-project.js';

describe('wizard answers', () => {
  it('an entry command with quotes survives a plain Enter unchanged', async () => {
    const root = await tempProject({
      'requirements.txt': '',
      Procfile: `web: python -c "print('x')"\n`,
    });
    const plan = await planProject({ dir: root, images: [], offline: true });
    expect(plan.options.entry).toEqual(['python', '-c', "print('x')"]);
    const answers = prefillAnswers(plan);
    expect(applyAnswers(plan, answers).options.entry).toEqual(['python', '-c', "print('x')"]);
  });

  it('an entry command that cannot be split is refused with why', () => {
    expect(entryProblem("gunicorn 'app:app")).toMatch(/a quote is not closed/);
    expect(entryProblem('gunicorn app:app')).toBeUndefined();
  });
});

describe('a changed Python version re-plans the answers', () => {
  it('recomputes applicability, ticks and the recommendation (e.g. 3.12 → 3.11: distroless applies)', async () => {
    const dir = await tempProject({ 'requirements.txt': 'flask==3.0.0\n', 'app.py': '' });
    const race = { concurrency: 1, keep: false, noCache: true, timeoutSeconds: 60 };
    const session = createSession({ dir, images: [], offline: true, race });
    // Whichever versions the catalog's distroless image does and does not carry.
    const plans = await Promise.all(
      ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'].map((v) => session.plan(v)),
    );
    const applies = (p: PlanResult) => p.candidates.some((c) => c.id === 'distroless' && c.applicable);
    const without = plans.find((p) => !applies(p))!;
    const withIt = plans.find(applies)!;
    let s = wizardReducer(initialState(), { type: 'planned', plan: without });
    expect(s.answers!.strategies).not.toContain('distroless');
    s = wizardReducer(s, { type: 'answer', answers: { entry: { typed: 'python app.py' } } });
    s = wizardReducer(s, { type: 'planned', plan: withIt });
    expect(s.answers!.python).toBe(withIt.options.python);
    expect(s.answers!.entry).toEqual({ typed: 'python app.py' });
    expect(s.answers!.strategies).toEqual(suggestedStrategies(withIt));
    expect(s.answers!.strategies).toContain('distroless');
    expect(s.plan!.recommended.ids).toEqual(applyAnswers(withIt, s.answers!).recommended.ids);
  });
});
