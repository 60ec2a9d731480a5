import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../components/app.js';
import { DependenciesStep } from '../../../components/steps/dependencies/dependencies-step.js';
import type { DependencyGroup } from '../../../src/project/types.js';
import { createSession, type PlanResult } from '../../../src/session/index.js';
import { planProject } from '../../../src/session/plan.js';
import { FIXTURES } from '../../project/temp-project.js';
import { engineOn } from '../../race/memory-engine.js';
import { frameWith, KEY, plain, press } from '../ink-helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

// Poetry: an extra `postgres` (psycopg) and a `dev` group (pytest, mypy), both left out by default.
const dir = path.join(FIXTURES, 'poetry-app');
let plan: PlanResult;
beforeAll(async () => {
  plan = await planProject({ dir, images: [], offline: true });
});

function show(busy?: string) {
  const toggled: DependencyGroup[] = [];
  let next = 0;
  const r = render(
    <DependenciesStep
      verdicts={plan.verdicts}
      groups={plan.project.groups}
      dependencies={plan.project.dependencies}
      busy={busy}
      onToggle={(g) => toggled.push(g)}
      onNext={() => next++}
    />,
  );
  cleanup = r.unmount;
  return { ...r, toggled, next: () => next };
}

describe('dependencies step with groups', () => {
  it('lists each group with in or out and the reason; Space on one asks to flip it', async () => {
    const r = show();
    const f = plain(r.lastFrame());
    expect(f).toMatch(/› \[ \] postgres\s+extra\s+an optional extra: installed only when asked for/);
    expect(f).toMatch(/ {2}\[ \] dev\s+group\s+development tooling: not in the production image/);
    // The focused group's detail: where it is declared, what it would install.
    expect(f).toContain('would install: psycopg');
    expect(f).toContain('Space install or leave out a group');
    // The plan's flag hint is the text plan's: here the key is Space.
    expect(f).not.toContain('--group');
    expect(f).not.toMatch(/pytest\s+(pure|wheel)/);
    await press(r.stdin, KEY.down);
    await frameWith(r.lastFrame, 'would install: pytest, mypy');
    await press(r.stdin, KEY.space);
    expect(r.toggled.map((g) => g.name)).toEqual(['dev']);
    // Below the groups the cursor moves on into the dependencies; Space there flips nothing.
    await press(r.stdin, KEY.down);
    await frameWith(r.lastFrame, `› ${plan.verdicts[0]!.name}`);
    await press(r.stdin, KEY.space, KEY.enter);
    expect(r.toggled).toHaveLength(1);
    expect(r.next()).toBe(1);
  });

  it('while it plans again it says so, and neither Space nor Enter acts on the old rows', async () => {
    const r = show('Planning again with postgres installed…');
    await frameWith(r.lastFrame, 'Planning again with postgres installed…');
    await press(r.stdin, KEY.space, KEY.enter);
    expect(r.toggled).toEqual([]);
    expect(r.next()).toBe(0);
  });
});

describe('the wizard plans again when a group is flipped', () => {
  it('Space on the extra: re-planning, then it is installed and its package is in the list', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'slim-py-groups-'));
    cpSync(dir, root, { recursive: true });
    const session = createSession(
      {
        dir: root,
        images: [],
        offline: true,
        project: { groups: [], noGroups: [] },
        race: { concurrency: 1, keep: false, noCache: true, timeoutSeconds: 60 },
      },
      { engine: async () => engineOn('x86_64') },
    );
    const r = render(<App session={session} dir="." />);
    cleanup = r.unmount;
    await frameWith(r.lastFrame, 'memory://');
    await press(r.stdin, KEY.enter);
    const before = await frameWith(r.lastFrame, '2/8 Dependencies');
    expect(before).toMatch(/› \[ \] postgres/);
    expect(before).not.toMatch(/^ {2}psycopg\b/m);
    await press(r.stdin, KEY.space);
    const after = await frameWith(
      r.lastFrame,
      /› \[x\] postgres\s+extra\s+you ticked it \(--group postgres does the same\)/,
    );
    expect(after).toMatch(/^ {2}psycopg\b/m);
    expect(r.frames.some((f) => plain(f).includes('Planning again with postgres installed…'))).toBe(true);
    expect(after).toContain('installs: psycopg');
    // Flipped back: the first plan again (the session kept it).
    await press(r.stdin, KEY.space);
    const back = await frameWith(r.lastFrame, /› \[ \] postgres\s+extra\s+an optional extra/);
    expect(back).not.toMatch(/^ {2}psycopg\b/m);
  });
});
