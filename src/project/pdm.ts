import { parsePipRequirement, pep508Dependency } from './pip-requirement.js';
import { isTable, type TomlTable } from './toml.js';
import type { TomlDoc } from './toml-doc.js';
import type { Dependency, IndexSettings } from './types.js';

/** `[tool.pdm]`: dev-dependency groups (main deps are PEP 621) and `[[tool.pdm.source]]`. */
export function readPdm(doc: TomlDoc, pdm: TomlTable, index: IndexSettings): Dependency[] {
  const { shape, lines, file } = doc;
  const t = ['tool', 'pdm'];
  const groups: Dependency[] = [];
  const dev = shape.table(pdm, t, 'dev-dependencies') ?? {};
  for (const group of Object.keys(dev)) {
    const gt = [...t, 'dev-dependencies'];
    for (const entry of shape.stringArray(dev, gt, group) ?? []) {
      const source = { file, line: lines.valueLine(gt, group, entry) };
      // PDM writes editable local deps as `-e file:///${PROJECT_ROOT}/libs/x#egg=x`.
      const m = /^(?:-e|--editable)\s+(.+)$/.exec(entry.trim());
      const dep = m?.[1] ? parsePipRequirement(m[1], source, true) : pep508Dependency(entry, source);
      groups.push({ ...dep, group });
    }
  }
  for (const s of shape.array(pdm, t, 'source') ?? []) {
    if (!isTable(s) || typeof s.url !== 'string') continue;
    const source = {
      file,
      line: lines.valueLine([...t, 'source'], 'url', s.url) ?? lines.tableLine([...t, 'source']),
    };
    // A source named "pypi" replaces the default index; the others are searched as well.
    if (s.name === 'pypi') index.indexUrl = { value: s.url, source };
    else index.extraIndexUrls.push({ value: s.url, source });
  }
  return groups;
}
