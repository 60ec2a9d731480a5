import type { Options } from '../types.js';
import { comment, execForm } from './escape.js';

/**
 * Bytecode for what runs (policy 'imports'). The race records, in the candidate's own smoke
 * container, which Python modules start-up imports: sys.modules of the smoke run (a `python -c`
 * interpreter like the cold-start timing's, so `-c`'s own imports such as linecache are in it) and
 * of the entry's dry run in its child process (usage.ts); the final stage then compiles
 * exactly those, by the interpreter that runs them, with hash-based .pyc files that Python trusts
 * without checking the source's timestamp. Everything else stays source-only.
 *
 * Module names, not paths: a name resolves wherever the runtime's sys.path finds it (stdlib, venv,
 * user base, the app), so the list survives a moved venv or a patch release. A name that no longer
 * resolves (a dependency dropped a module) is skipped and one that fails to compile is left for
 * start-up to compile: a stale list never breaks the build, it only leaves new imports uncompiled.
 */
export const COMPILE_IMPORTS_SCRIPT = [
  'import os, py_compile, sys',
  'mode = py_compile.PycInvalidationMode.UNCHECKED_HASH',
  'for name in sys.argv[1:]:',
  '    rel = os.path.join(*name.split("."))',
  '    for d in sys.path:',
  '        d = d or os.getcwd()',
  '        hit = [f for f in (os.path.join(d, rel, "__init__.py"), os.path.join(d, rel + ".py")) if os.path.isfile(f)]',
  '        if hit:',
  '            try: py_compile.compile(hit[0], doraise=True, invalidation_mode=mode)',
  '            except Exception: pass',
  '            break',
].join('\n');

/** Dotted ASCII identifiers only: anything else stays source-only (and out of the Dockerfile). */
const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The recorded modules worth listing: valid names, sorted, each once. */
export function compilableModules(names: readonly string[]): string[] {
  return [...new Set(names.filter((n) => MODULE_NAME.test(n) && n !== '__main__'))].sort();
}

const PER_LINE = 6;

/**
 * The RUN that compiles the recorded imports (exec form: the runtime may have no shell), or
 * nothing when the policy is not 'imports' or nothing was recorded yet (a plan before any race).
 */
export function compileImportsLines(options: Options, python: string): string[] {
  if (options.bytecode !== 'imports') return [];
  const modules = compilableModules(options.startupImports ?? []);
  if (modules.length === 0) return [];
  const head = execForm([python, '-c', COMPILE_IMPORTS_SCRIPT]).slice(0, -1);
  const rows: string[] = [];
  for (let i = 0; i < modules.length; i += PER_LINE) {
    // One quoting for every element: execForm's, row by row.
    rows.push(`    ${execForm(modules.slice(i, i + PER_LINE)).slice(1, -1)}`);
  }
  return [
    ...comment([
      `Bytecode for the ${modules.length} modules start-up imports, stdlib and packages alike; the rest stays`,
      "source-only. slim-py recorded them in the smoke test of this very image (its imports and its entry's",
      "dry run's; not in a probe of the builder: its interpreter and paths are not the runtime's), then",
      'built it again with this step, every earlier layer from the cache. unchecked-hash: Python loads',
      'these .pyc without checking the source, so change files before this line, not after it. A stale',
      'list (dependencies changed) never breaks the build, it only leaves new imports uncompiled: run',
      'slim-py again to refresh it.',
    ]),
    `RUN ${head}, \\\n${rows.join(', \\\n')}]`,
  ];
}
