/** The venv that the shell-less runtimes (distroless, closure) run from. */
export const VENV_PYTHON = '/opt/venv/bin/python';

/** Exec form without PATH surprises: the venv's python and scripts by absolute path. */
export function resolveEntry(argv: string[]): string[] {
  const [first, ...rest] = argv;
  if (first === undefined) return argv;
  if (first === 'python' || first === 'python3') return [VENV_PYTHON, ...rest];
  return first.includes('/') ? argv : [`/opt/venv/bin/${first}`, ...rest];
}
