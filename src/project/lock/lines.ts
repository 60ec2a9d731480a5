import type { Source } from '../../errors.js';

/**
 * Where each package table of a TOML lock starts: the lines of `name = "x"` (first, second...
 * for a name uv forks), indexed once so that a huge lock stays linear.
 */
export function packageLines(text: string, file: string): (name: string, n: number) => Source {
  const at = new Map<string, number[]>();
  for (const [i, l] of text.split('\n').entries()) {
    const m = /^\s*name\s*=\s*["']([^"']*)["']\s*$/.exec(l);
    if (m?.[1] !== undefined) at.set(m[1], [...(at.get(m[1]) ?? []), i + 1]);
  }
  return (name, n) => {
    const line = at.get(name)?.[n];
    return line ? { file, line } : { file };
  };
}

const SHA256 = /^sha256:[0-9a-f]{64}$/;

/** The sha256 hashes among values like `sha256:<hex>` (other algorithms and junk are left out). */
export function sha256s(values: unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && SHA256.test(v)))];
}
