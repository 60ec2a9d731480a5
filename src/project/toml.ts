import { parse, TomlError } from 'smol-toml';
import { type Source, UserError } from '../errors.js';
import type { TomlLines } from './toml-lines.js';

// Re-exported: other modules (src/pipeline) read line numbers of pyproject.toml with it.
export { TomlLines } from './toml-lines.js';

export type TomlTable = Record<string, unknown>;

/** Parses TOML, turning syntax errors into a UserError at the reported line. */
export function parseToml(text: string, file: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0]?.replace(/^Invalid TOML document:\s*/, '') ?? 'syntax error';
      throw new UserError(`${file} is not valid TOML: ${first}`, 'fix the TOML syntax at this line', {
        file,
        line: e.line,
      });
    }
    // smol-toml throws plain errors in a few corner cases (e.g. deep nesting): still bad input.
    throw new UserError(`${file} is not valid TOML: ${(e as Error).message}`, 'fix the TOML syntax', {
      file,
    });
  }
}

export function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Type checks for values read from TOML: a wrong type is the user's mistake, said at its line. */
export class TomlShape {
  constructor(
    readonly file: string,
    readonly lines: TomlLines,
  ) {}

  where(table: string[], key?: string): Source {
    const line = key === undefined ? this.lines.tableLine(table) : this.lines.keyLine(table, key);
    return line ? { file: this.file, line } : { file: this.file };
  }

  private wrong(table: string[], key: string, expected: string): never {
    throw this.error(table, key, expected);
  }

  table(parent: TomlTable, table: string[], key: string): TomlTable | undefined {
    const v = parent[key];
    if (v === undefined) return undefined;
    if (!isTable(v)) this.wrong(table, key, 'a table');
    return v;
  }

  string(parent: TomlTable, table: string[], key: string): string | undefined {
    const v = parent[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.wrong(table, key, 'a string');
    return v;
  }

  stringArray(parent: TomlTable, table: string[], key: string): string[] | undefined {
    const v = parent[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      this.wrong(table, key, 'an array of strings');
    return v as string[];
  }

  array(parent: TomlTable, table: string[], key: string): unknown[] | undefined {
    const v = parent[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.wrong(table, key, 'an array');
    return v;
  }

  /** The same kind of error for values the caller checks (`throw shape.error(...)`). */
  error(table: string[], key: string, expected: string): UserError {
    const name = [...table, key].join('.');
    return new UserError(
      `${this.file}: ${name} should be ${expected}`,
      `make ${name} ${expected}`,
      this.where(table, key),
    );
  }
}
