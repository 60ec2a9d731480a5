import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  joinCommand,
  quoteWord,
  ShellSplitError,
  shellSyntaxIn,
  splitCommand,
} from '../../src/shell-words.js';

describe('shell words', () => {
  it('split and join are inverses for any argv', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }).filter((w) => !w.includes('\0'))), (argv) => {
        expect(splitCommand(joinCommand(argv))).toEqual(argv);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps what people type readable', () => {
    expect(joinCommand(['gunicorn', 'app:app', '--bind', '0.0.0.0:8000'])).toBe(
      'gunicorn app:app --bind 0.0.0.0:8000',
    );
    expect(joinCommand(['python', '-c', "print('x')"])).toBe(`python -c "print('x')"`);
    expect(quoteWord('a b')).toBe("'a b'");
    expect(quoteWord('$PORT')).toBe("'$PORT'");
  });

  it('splits as POSIX sh does, variables left alone', () => {
    const port = '$' + '{PORT:-8000}';
    expect(splitCommand(`python -c "print('x')"`)).toEqual(['python', '-c', "print('x')"]);
    expect(splitCommand(`gunicorn -b 0.0.0.0:${port} --x="a b"`)).toEqual([
      'gunicorn',
      '-b',
      `0.0.0.0:${port}`,
      '--x=a b',
    ]);
  });

  it('refuses an unbalanced quote instead of guessing', () => {
    expect(() => splitCommand("gunicorn 'app:app")).toThrow(ShellSplitError);
    expect(() => splitCommand('gunicorn "app:app')).toThrow('a quote is not closed');
  });

  it('finds shell syntax outside quotes only', () => {
    expect(shellSyntaxIn('make run && gunicorn app:app')).toBe('&&');
    expect(shellSyntaxIn('a | b')).toBe('|');
    expect(shellSyntaxIn('echo $(date)')).toBe('$(');
    expect(shellSyntaxIn('a # comment')).toBe('#');
    expect(shellSyntaxIn(`python -c "print('a;b|c')"`)).toBeUndefined();
    expect(shellSyntaxIn("echo 'a && b'")).toBeUndefined();
    expect(shellSyntaxIn('gunicorn app:app -b 0.0.0.0:$PORT')).toBeUndefined();
  });
});
