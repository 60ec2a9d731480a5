import { describe, expect, it } from 'vitest';
import { applyAnswers, entryProblem, prefillAnswers } from '../../components/answers.js';
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
