import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COLOR } from '../../components/theme.js';

const components = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'components');
const NAMED =
  /['"](black|red|green|yellow|blue|magenta|cyan|white|gray|grey)(Bright)?['"]|['"]#[0-9a-f]{3,6}['"]/i;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('one theme', () => {
  it('no component names a colour: they read components/theme.ts', () => {
    const named = sources(components)
      .filter((f) => !f.endsWith('theme.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((l, i) => (NAMED.test(l) ? [`${relative(components, f)}:${i + 1}: ${l.trim()}`] : [])),
      );
    expect(named).toEqual([]);
    expect(Object.values(COLOR).every((c) => NAMED.test(`'${c}'`))).toBe(true);
  });
});
