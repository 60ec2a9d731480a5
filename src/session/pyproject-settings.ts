import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseToml, TomlLines } from '../project/toml.js';
import { imagesFromPyprojectTable, type PyprojectSettings } from '../strategies/index.js';

/** `[tool.slim-py]` of the project's pyproject.toml (scan already validated the file's TOML). */
export async function readSlimPySettings(root: string): Promise<PyprojectSettings> {
  let text: string;
  try {
    text = await readFile(path.join(root, 'pyproject.toml'), 'utf8');
  } catch {
    return { images: [], extraIndexUrls: [] };
  }
  const data = parseToml(text, 'pyproject.toml');
  const tool = data.tool as Record<string, unknown> | undefined;
  const lines = new TomlLines(text);
  const lineOf = (key: string) => {
    const parts = key === '' ? [] : key.split('.');
    if (parts.length === 0) return lines.tableLine(['tool', 'slim-py']);
    const last = parts.pop()!;
    return lines.keyLine(['tool', 'slim-py', ...parts], last);
  };
  return imagesFromPyprojectTable(tool?.['slim-py'], 'pyproject.toml', lineOf);
}
