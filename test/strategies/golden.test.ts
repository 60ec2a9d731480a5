import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planCandidates, STRATEGIES } from '../../src/strategies/index.js';
import { flaskProject, flaskVerdicts, inputFor, pgProject, pgVerdicts } from './projects.js';

// UPDATE_GOLDEN=1 npx vitest run test/strategies  rewrites the files; review the diff before committing.
const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = [
  { dir: 'flask-gunicorn', input: inputFor(flaskProject, flaskVerdicts) },
  { dir: 'psycopg2-libpq', input: inputFor(pgProject, pgVerdicts) },
];

describe.each(cases)('golden Dockerfiles: $dir', ({ dir, input }) => {
  const candidates = planCandidates(input);

  it('renders one candidate per strategy, in catalog order', () => {
    expect(candidates.map((c) => c.id)).toEqual(STRATEGIES.map((s) => s.id));
  });

  it.each(STRATEGIES.map((s) => s.id))('%s matches its golden file', (id) => {
    const file = path.join(GOLDEN, dir, `${id}.Dockerfile`);
    const text = candidates.find((c) => c.id === id)?.dockerfile ?? '';
    if (update) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    expect(existsSync(file), `${file} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
