import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Every `import … from '…'` of a file (static and dynamic), with whether it is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms))
    found.push({ spec: m[2]!, typeOnly: Boolean(m[1]) });
  for (const m of text.matchAll(/import\('([^']+)'\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

/** Files and packages `file` loads through static imports, transitively (dynamic ones load later). */
function staticClosure(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const text = readFileSync(join(ROOT, f), 'utf8');
    for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[2]!;
      if (m[1]) continue;
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = relative(ROOT, join(ROOT, dirname(f), spec)).replace(/\.js$/, '');
      const next = [`${base}.ts`, `${base}.tsx`].find((c) => existsSync(join(ROOT, c)));
      if (next) visit(next);
    }
  };
  visit(file);
  return seen;
}

describe('who may import what (DESIGN.md layout)', () => {
  it('slim-py plan loads no race, writer, Docker client or YAML parser before it starts planning', () => {
    const loaded = [...staticClosure('src/commands/plan.ts')];
    expect(loaded).toContain('src/session/session.ts');
    expect(loaded).toContain('src/project/entry/declared.ts');
    // What a race or a write needs; the session imports it when a race or a write starts.
    const heavy = loaded.filter(
      (f) =>
        /^src\/docker\/(?!labels\.ts$)|^src\/output\/|^src\/race\/(run-race|candidate-|measure-cache|preflight)/.test(
          f,
        ) ||
        /^src\/session\/(race-rounds|write|pin-bases)\.ts$/.test(f) ||
        ['dockerode', 'tar-fs', 'tar-stream', 'yaml'].includes(f),
    );
    expect(heavy).toEqual([]);
  });

  it('components/ uses src/ through the session entry point; plain types besides; never src/docker', () => {
    const wrong: string[] = [];
    for (const f of files('components')) {
      for (const { spec, typeOnly } of imports(f)) {
        if (!spec.includes('/src/')) continue;
        if (spec.includes('/src/docker/')) wrong.push(`${f}: ${spec}`);
        else if (!typeOnly && !spec.endsWith('/src/session/index.js')) wrong.push(`${f}: ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('src/ never imports React, Ink or components/', () => {
    const wrong = files('src').flatMap((f) =>
      imports(f)
        .filter(({ spec }) => /^(react|ink|@inkjs\/|ink-)/.test(spec) || spec.includes('components/'))
        .map(({ spec }) => `${f}: ${spec}`),
    );
    // The wizard command is the one door: it loads the Ink app on demand.
    expect(wrong.filter((w) => !w.startsWith('src/commands/wizard.ts:'))).toEqual([]);
  });

  it('dockerode is imported by src/docker only', () => {
    const wrong = [...files('src'), ...files('components')].filter(
      (f) => !f.startsWith('src/docker/') && imports(f).some(({ spec }) => spec === 'dockerode'),
    );
    expect(wrong).toEqual([]);
  });
});
