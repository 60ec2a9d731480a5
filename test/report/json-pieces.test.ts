import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/redact.js';
import { jsonPieces, MappedList } from '../../src/report/json-pieces.js';
import { planJson } from '../../src/report/plan-json.js';
import { planProject } from '../../src/session/plan.js';
import { tempProject } from '../project/temp-project.js';

const stringify = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Pieces cut as small as they come (size 1): every place the writer may cut is a cut. */
function smallest(v: unknown): string[] {
  return [...jsonPieces(v, 1)];
}

describe('jsonPieces: JSON.stringify(value, null, 2) in pieces', () => {
  it('gives the same bytes for any JSON-like value, long arrays at any depth included', () => {
    const long = fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 101, maxLength: 2500 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        long,
        fc.array(tie('node'), { maxLength: 3 }),
        // Mapped as it is written; JSON.stringify maps it whole through toJSON.
        long.map((items) => new MappedList(items, (x) => ({ x }))),
        fc.dictionary(fc.string(), fc.oneof(tie('node'), fc.constant(undefined))),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(smallest(v).join('')).toBe(stringify(v));
      }),
      { numRuns: 150 },
    );
  });

  it('cuts only before a line break, so redacting each piece is redacting the whole', () => {
    const urls = Array.from({ length: 1500 }, (_, i) => ({
      url: `https://user${i}:pass-${i}@host.example/simple/`,
      token: `https://tok${i}@host.example/ and "a\nb" git+ssh://git@github.com/o/r.git`,
    }));
    const v = { index: { urls }, notes: ['x'] };
    const pieces = smallest(v);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces.slice(1)) expect(p.startsWith('\n')).toBe(true);
    expect(pieces.map(redactText).join('')).toBe(redactText(stringify(v)));
    expect(pieces.map(redactText).join('')).not.toContain('pass-7');
  });

  it('writes a plan of 3,000 requirement lines as JSON.stringify does', { timeout: 30_000 }, async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `pkg-${i}>=1.${i % 7},<3 ; python_version >= "3.8"`);
    const dir = await tempProject({
      'requirements.txt': `${['numpy==2.1.0', 'psycopg2', ...lines].join('\n')}\n`,
      'app.py': 'print("hello")\n',
    });
    const json = planJson(await planProject({ dir, images: [], offline: true }));
    expect(json.project.dependencies.length).toBe(3002);
    const pieces = [...jsonPieces(json)];
    expect(pieces.length).toBeGreaterThan(1);
    const text = pieces.join('');
    expect(text).toBe(stringify(json));
    const back = JSON.parse(text) as { project: { dependencies: unknown[] }; verdicts: unknown[] };
    for (const i of [0, 1, 2, 1500, 3001]) {
      expect(back.project.dependencies[i]).toEqual(json.project.dependencies.at(i));
      expect(back.verdicts[i]).toEqual(json.verdicts.at(i));
    }
  });

  it("redacts the dependencies and verdicts it maps as it writes them, not only stdout's net", async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `pkg-${i}==1.0`);
    const dir = await tempProject({
      'requirements.txt': `${['git+https://deploy:s3cret-tok@git.example/o/lib.git#egg=lib', ...lines].join('\n')}\n`,
      'app.py': 'print("hello")\n',
    });
    const json = planJson(await planProject({ dir, images: [], offline: true }));
    // Joined without redactText: what planJson itself hands out.
    const text = [...jsonPieces(json)].join('');
    expect(text).not.toContain('s3cret-tok');
    expect(text).toContain('"vcsUrl": "git+https://deploy:***@git.example/o/lib.git#egg=lib"');
    expect(JSON.stringify(json)).not.toContain('s3cret-tok');
  });
});
