import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';

export const KEY = {
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  space: ' ',
  ctrlC: '\u0003',
  backspace: '\u007F',
} as const;

const ANSI = /\u001B\[[0-9;]*[A-Za-z]/g;
export const plain = (s: string | undefined) => (s ?? '').replace(ANSI, '');

/** Polls `check` until it stops throwing (Ink renders asynchronously after input and events). */
export async function until<T>(check: () => T, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** Waits until the last frame contains `text`; returns the frame (ANSI stripped). */
export function frameWith(lastFrame: () => string | undefined, text: string | RegExp, timeoutMs = 5000) {
  return until(() => {
    const f = plain(lastFrame());
    const ok = typeof text === 'string' ? f.includes(text) : text.test(f);
    if (!ok) throw new Error(`frame never showed ${String(text)}; last frame:\n${f}`);
    return f;
  }, timeoutMs);
}

/**
 * Writes keys one by one with a pause before each, as a person would: third-party inputs
 * (ink-select-input, @inkjs/ui) subscribe a moment after they are drawn.
 */
export async function press(stdin: { write(s: string): void }, ...keys: string[]) {
  for (const k of keys) {
    await new Promise((r) => setTimeout(r, 40));
    stdin.write(k);
  }
  await new Promise((r) => setTimeout(r, 10));
}

/**
 * Types text into a text field and waits until the field shows it: @inkjs/ui's TextInput submits
 * the value of its last render, so Enter must come after the last letter is drawn.
 */
export async function type(
  stdin: { write(s: string): void },
  lastFrame: () => string | undefined,
  text: string,
  shows = text,
) {
  await press(stdin, ...text.split(''));
  await frameWith(lastFrame, shows);
}

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows = 40,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
  lastFrame = () => this.frames[this.frames.length - 1];
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** Like ink-testing-library's render, at a chosen terminal width (its own is fixed at 100). */
export function renderAt(tree: ReactElement, columns: number, rows = 40) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { stdin, lastFrame: stdout.lastFrame, frames: stdout.frames, unmount: instance.unmount };
}
