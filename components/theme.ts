import { defaultTheme, extendTheme } from '@inkjs/ui';

/**
 * Every colour the wizard shows, named by what it means, in one place (as @inkjs/ui's theme.ts
 * files do): components read these, never a colour name. The words and marks (✓ ✗ › [x] !) say
 * the same without colour, so NO_COLOR loses nothing.
 */
export const COLOR = {
  brand: 'magenta',
  /** Passed, written, chosen, the engine that answered. */
  ok: 'green',
  /** Failed, refused, cannot install. */
  error: 'red',
  /** A warning, a note, a repair, a question waiting for y/n. */
  warn: 'yellow',
  /** The focus marker, progress, a binary wheel. */
  focus: 'cyan',
  /** Never known (no index answer). */
  unknown: 'gray',
} as const;

/** The same colours for the @inkjs/ui components the wizard uses: spinner and progress in the focus colour. */
export const UI_THEME = extendTheme(defaultTheme, {
  components: {
    Spinner: { styles: { frame: () => ({ color: COLOR.focus }) } },
    ProgressBar: { styles: { completed: () => ({ color: COLOR.focus }) } },
  },
});
