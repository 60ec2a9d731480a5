import { describe, expect, it } from 'vitest';
import { TomlLines } from '../../src/project/toml.js';

const text = `[project]
name = "x"
dependencies = [
  "flask>=2",
  'gunicorn',
]

[tool.poetry]
dependencies.requests = "^2.31"

[tool."poetry".group.dev.dependencies]
"pytest" = "^8"

[[tool.uv.index]]
url = "https://a.example/simple"

[[tool.uv.index]]
url = "https://b.example/simple"
`;

describe('TomlLines', () => {
  const lines = new TomlLines(text);
  it('finds tables, keys (dotted and quoted) and string values', () => {
    expect(lines.tableLine(['project'])).toBe(1);
    expect(lines.keyLine(['project'], 'name')).toBe(2);
    expect(lines.valueLine(['project'], 'dependencies', 'flask>=2')).toBe(4);
    expect(lines.valueLine(['project'], 'dependencies', 'gunicorn')).toBe(5);
    expect(lines.keyLine(['tool', 'poetry', 'dependencies'], 'requests')).toBe(9);
    expect(lines.keyLine(['tool', 'poetry', 'group', 'dev', 'dependencies'], 'pytest')).toBe(12);
    expect(lines.valueLine(['tool', 'uv', 'index'], 'url', 'https://b.example/simple')).toBe(18);
  });
  it('falls back to the key line, and undefined when the key is absent', () => {
    expect(lines.valueLine(['project'], 'dependencies', 'not-there')).toBe(3);
    expect(lines.keyLine(['project'], 'version')).toBeUndefined();
  });
});
