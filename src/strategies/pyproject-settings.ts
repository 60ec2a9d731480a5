import { formatSource, type Source, UserError } from '../errors.js';
import { indexUrlProblem } from '../index-url.js';
import { PREFERS, type Prefer } from '../report/winner-rule.js';
import { checkRef, type ImageOverride, isRole, ROLES } from './catalog.js';
import { clip } from './render/escape.js';
import { BYTECODE_POLICIES, type BytecodePolicy } from './types.js';

/** What `[tool.slim-py]` in pyproject.toml may say. */
export interface PyprojectSettings {
  images: ImageOverride[];
  indexUrl?: { value: string; source: Source };
  extraIndexUrls: { value: string; source: Source }[];
  /** How the winner is chosen (a flag wins over it). */
  prefer?: { value: Prefer; source: Source };
  bytecode?: { value: BytecodePolicy; source: Source };
}

const KEYS = ['images', 'index-url', 'extra-index-urls', 'prefer', 'bytecode'];

function checkChoice<T extends string>(value: unknown, key: string, allowed: readonly T[], where: Source): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UserError(
      `[tool.slim-py] ${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`,
      `write e.g. ${key} = "${allowed[0]}"`,
      where,
    );
  }
  return value as T;
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkUrl(value: unknown, key: string, where: Source): string {
  const problem = typeof value === 'string' ? indexUrlProblem(value) : 'is not a string';
  if (typeof value !== 'string' || problem) {
    throw new UserError(
      `[tool.slim-py] ${key} must be an http(s) or file URL: ${clip(JSON.stringify(value) ?? String(value))} ${problem}`,
      `write e.g. ${key === 'index-url' ? 'index-url = "https://pypi.example.com/simple"' : 'extra-index-urls = ["https://pypi.example.com/simple"]'}`,
      where,
    );
  }
  return value;
}

/**
 * Reads the `[tool.slim-py]` table (already parsed TOML). `lineOf(key)` gives the line of a key
 * inside that table, dotted: 'images', 'images.slim', 'index-url', 'extra-index-urls', '' for the table.
 */
export function imagesFromPyprojectTable(
  table: unknown,
  file: string,
  lineOf: (key: string) => number | undefined,
): PyprojectSettings {
  const at = (key: string): Source => {
    const line = lineOf(key);
    return line === undefined ? { file } : { file, line };
  };
  const out: PyprojectSettings = { images: [], extraIndexUrls: [] };
  if (table === undefined) return out;
  if (!isTable(table)) {
    throw new UserError('[tool.slim-py] must be a table', 'write [tool.slim-py] with keys under it', at(''));
  }
  for (const key of Object.keys(table)) {
    if (!KEYS.includes(key)) {
      throw new UserError(
        `[tool.slim-py] has an unknown key ${JSON.stringify(key)}`,
        `known keys: ${KEYS.join(', ')}`,
        at(key),
      );
    }
  }
  const images = table.images;
  if (images !== undefined) {
    if (!isTable(images)) {
      throw new UserError(
        '[tool.slim-py] images must be a table of ROLE = "REF"',
        'write [tool.slim-py.images] then e.g. slim = "127.0.0.1:5000/python:{python}-slim"',
        at('images'),
      );
    }
    for (const [role, ref] of Object.entries(images)) {
      const key = `images.${role}`;
      if (!isRole(role)) {
        throw new UserError(
          `[tool.slim-py.images] unknown role ${JSON.stringify(role)}`,
          `roles: ${ROLES.join(', ')}`,
          at(key),
        );
      }
      if (typeof ref !== 'string') {
        throw new UserError(
          `[tool.slim-py.images] ${role} must be a string`,
          `write ${role} = "NAME:TAG"`,
          at(key),
        );
      }
      out.images.push({
        role,
        ref: checkRef(ref, `[tool.slim-py.images] ${role}`, at(key)),
        source: formatSource(at(key)),
      });
    }
  }
  if (table['index-url'] !== undefined) {
    const where = at('index-url');
    out.indexUrl = { value: checkUrl(table['index-url'], 'index-url', where), source: where };
  }
  if (table.prefer !== undefined) {
    const where = at('prefer');
    out.prefer = { value: checkChoice(table.prefer, 'prefer', PREFERS, where), source: where };
  }
  if (table.bytecode !== undefined) {
    const where = at('bytecode');
    out.bytecode = {
      value: checkChoice(table.bytecode, 'bytecode', BYTECODE_POLICIES, where),
      source: where,
    };
  }
  const extras = table['extra-index-urls'];
  if (extras !== undefined) {
    const where = at('extra-index-urls');
    const list = Array.isArray(extras) ? extras : [extras];
    for (const u of list)
      out.extraIndexUrls.push({ value: checkUrl(u, 'extra-index-urls', where), source: where });
  }
  return out;
}
