import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, PYTHONS, type PythonChoice } from '../../src/session/index.js';
import { html, simplePage, startIndexServer } from '../analysis/index-server.js';
import { tempProject } from '../project/temp-project.js';
import { engineOn } from '../race/memory-engine.js';

const RACE = { concurrency: 1, keep: false, noCache: true, timeoutSeconds: 60 };

describe("the Python step's choices", () => {
  let server: Awaited<ReturnType<typeof startIndexServer>>;
  let choices: PythonChoice[];
  /** The choices for a 3.11 project with these requirements, against the index below. */
  const choicesFor = async (requirements: string) => {
    const dir = await tempProject({
      'requirements.txt': requirements,
      '.python-version': '3.11\n',
      'app.py': '',
    });
    const session = createSession(
      { dir, images: [], indexUrl: `${server.base}/simple/`, offline: false, race: RACE },
      // An x86_64 engine, whatever machine runs the test; a day after 3.10's end of life.
      { engine: async () => engineOn('x86_64'), date: () => new Date('2026-12-01T12:00:00Z') },
    );
    await session.connect();
    return session.pythonChoices();
  };
  beforeAll(async () => {
    server = await startIndexServer({
      // As the local mirror: a cp311 wheel and nothing to build from.
      '/simple/markupsafe/': html(
        simplePage(['MarkupSafe-2.1.5-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl']),
      ),
      // A wheel for 3.12 only, and an sdist for the rest.
      '/simple/fastsum/': html(
        simplePage(['fastsum-1.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'fastsum-1.0.tar.gz']),
      ),
      '/simple/flask/': html(simplePage(['flask-3.0.0-py3-none-any.whl'])),
    });
    choices = await choicesFor('flask==3.0.0\nmarkupsafe==2.1.5\nfastsum==1.0\n');
  });
  afterAll(async () => server?.close());

  const of = (v: string) => choices.find((c) => c.version === v)!;

  it('offers 3.9 to 3.14, the detected version first', () => {
    expect(choices.map((c) => c.version)).toEqual(['3.11', ...PYTHONS.filter((v) => v !== '3.11')]);
    expect(choices.filter((c) => c.detected).map((c) => c.version)).toEqual(['3.11']);
  });

  it("says which versions are past their end of life on the session's date", () => {
    expect(choices.map((c) => [c.version, c.endOfLife])).toEqual([
      ['3.11', undefined],
      ['3.9', 'October 2025'],
      ['3.10', 'October 2026'],
      ['3.12', undefined],
      ['3.13', undefined],
      ['3.14', undefined],
    ]);
  });

  it('says which dependency has no wheel, whether it builds or cannot install, and which version has one', () => {
    expect(of('3.11').problems).toEqual([
      'fastsum: no cp311 wheel on this index, builds from the sdist — 3.12 has wheels',
    ]);
    expect(of('3.13').problems).toEqual([
      'markupsafe: no cp313 wheel and no sdist on this index — cannot install — 3.11 has wheels',
      'fastsum: no cp313 wheel on this index, builds from the sdist — 3.12 has wheels',
    ]);
    expect(of('3.13')).toMatchObject({ compiles: 1, cannotInstall: 1 });
    expect(of('3.12')).toMatchObject({ compiles: 0, cannotInstall: 1 });
  });

  it('lists the strategies each version allows', () => {
    for (const c of choices) {
      expect(c.applicable).toContain('full');
      expect(c.error).toBeUndefined();
    }
    // Which version distroless carries depends on the catalog; that it differs between versions does not.
    expect(new Set(choices.map((c) => c.applicable.includes('distroless'))).size).toBe(2);
  });

  it('names the --only-binary line when it is what leaves nothing to install', async () => {
    const only = (await choicesFor('--only-binary fastsum\nfastsum==1.0\n')).find(
      (c) => c.version === '3.11',
    )!;
    expect(only.problems).toEqual([
      'fastsum: nothing on this index that --only-binary fastsum (requirements.txt:1) allows for cp311 — cannot install — 3.12 has wheels',
    ]);
    expect(only).toMatchObject({ compiles: 0, cannotInstall: 1 });
  });
});
