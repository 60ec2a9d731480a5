import { useStdout } from 'ink';

/** Columns to lay out in: the terminal's width (80 when unknown). Rows cut to it, never wrap. */
export function useWidth(): number {
  const { stdout } = useStdout();
  return Math.max(20, stdout.columns || 80);
}

/** Terminal rows (24 when unknown), to size scrolling views. */
export function useRows(): number {
  const { stdout } = useStdout();
  return Math.max(10, stdout.rows || 24);
}
