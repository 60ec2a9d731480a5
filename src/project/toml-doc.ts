import { parseToml, TomlLines, TomlShape, type TomlTable } from './toml.js';
import type { Dependency } from './types.js';

/** A parsed TOML file with what is needed to say where a value came from. */
export interface TomlDoc {
  file: string;
  data: TomlTable;
  lines: TomlLines;
  shape: TomlShape;
}

export function tomlDoc(text: string, file: string): TomlDoc {
  const data = parseToml(text, file);
  const lines = new TomlLines(text);
  return { file, data, lines, shape: new TomlShape(file, lines) };
}

/** What one tool section of pyproject.toml (or a Pipfile) contributes. */
export interface SectionDeps {
  dependencies: Dependency[];
  warnings: { message: string; source?: { file: string; line?: number } }[];
}
