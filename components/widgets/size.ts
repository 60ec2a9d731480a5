import { mb } from '../../src/session/index.js';

/** Sizes as `docker images` shows them, with small layers in kB rather than "0.00 MB". */
export function size(bytes: number): string {
  return bytes > 0 && bytes < 100_000 ? `${(bytes / 1000).toFixed(1)} kB` : mb(bytes);
}
