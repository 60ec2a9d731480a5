import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { respectNoColor } from '../../src/commands/wizard.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('NO_COLOR', () => {
  it('turns colour off for chalk (Ink) unless FORCE_COLOR says otherwise', () => {
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
    respectNoColor(env);
    expect(env.FORCE_COLOR).toBe('0');
    const forced: NodeJS.ProcessEnv = { NO_COLOR: '1', FORCE_COLOR: '1' };
    respectNoColor(forced);
    expect(forced.FORCE_COLOR).toBe('1');
    const none: NodeJS.ProcessEnv = {};
    respectNoColor(none);
    expect(none.FORCE_COLOR).toBeUndefined();
  });

  it('chalk as Ink loads it reads that: level 0 with FORCE_COLOR=0, colours with FORCE_COLOR=3', () => {
    const level = (force: string) =>
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', "import c from 'chalk'; process.stdout.write(String(c.level))"],
        {
          cwd: join(repo, 'node_modules', 'ink'),
          env: { ...process.env, FORCE_COLOR: force },
          encoding: 'utf8',
        },
      );
    expect(level('0')).toBe('0');
    expect(level('3')).not.toBe('0');
  });
});
