/**
 * `JSON.stringify(value, null, 2)` followed by a newline — the same bytes — as pieces of about
 * `size` characters (see pieces.ts). A plan of 100,000 dependencies is 55 MB of JSON: made as one
 * string it is held several times over (the string, its redaction, the buffer written).
 *
 * Only what holds a long array is taken apart; everything else goes through JSON.stringify as it
 * is, so its rules (undefined dropped from objects, null in arrays, toJSON) are JSON.stringify's.
 */

import { pieces } from './pieces.js';

/** Arrays longer than this are written in batches of this many elements. */
const LONG = 100;
// Small enough that a batch's text stays out of V8's large-object space (over 128 KB), which only a
// full collection frees: 1,000 verdicts (330 KB each batch) left about 40 MB of it behind.
const BATCH = 100;

/**
 * A list written as the array of `map(item)` for each item, mapped one batch at a time as it is
 * written: the JSON form of 100,000 dependencies is never all held at once. JSON.stringify sees
 * the whole mapped array (toJSON), so the bytes are the same either way.
 */
export class MappedList<T, U> {
  constructor(
    private readonly items: readonly T[],
    private readonly map: (item: T) => U,
  ) {}

  get length(): number {
    return this.items.length;
  }

  at(i: number): U | undefined {
    const item = this.items.at(i);
    return item === undefined ? undefined : this.map(item);
  }

  slice(start: number, end: number): U[] {
    return this.items.slice(start, end).map((item) => this.map(item));
  }

  toJSON(): U[] {
    return this.items.map((item) => this.map(item));
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Whether `v` is, or holds outside of arrays, an array long enough to write in parts. */
function holdsLong(v: unknown): boolean {
  if (Array.isArray(v) || v instanceof MappedList) return v.length > LONG;
  // An object of its own JSON form is left to JSON.stringify.
  if (!isPlainObject(v) || typeof v.toJSON === 'function') return false;
  for (const k in v) if (Object.hasOwn(v, k) && holdsLong(v[k])) return true;
  return false;
}

/** What JSON.stringify leaves out of an object (it writes null for them in an array). */
function dropped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

const indent = (level: number) => '  '.repeat(level);

/**
 * `values` as JSON.stringify writes the elements of an array whose elements sit at `level`
 * (two spaces each): every element on its lines, joined by ",\n". Written by JSON.stringify
 * itself inside `level - 1` arrays, so the indentation is its own, not re-done by us.
 */
function elements(values: unknown[], level: number): string {
  let wrapped: unknown = values;
  for (let i = 1; i < level; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  const open = Array.from({ length: level }, (_, i) => `${indent(i)}[`).join('\n');
  const close = Array.from({ length: level }, (_, i) => `${indent(level - 1 - i)}]`).join('\n');
  return text.slice(open.length + 1, text.length - close.length - 1);
}

/** The text of `v`, which starts a line at `level`, as tokens; a token that starts a line starts with '\n'. */
function* tokens(v: unknown, level: number): Generator<string> {
  if (!holdsLong(v)) {
    // Its first line follows what is already written: the indentation is left out.
    yield level === 0 ? (JSON.stringify(v, null, 2) ?? 'null') : elements([v], level).slice(level * 2);
    return;
  }
  if (Array.isArray(v) || v instanceof MappedList) {
    yield '[';
    for (let i = 0; i < v.length; i += BATCH) {
      if (i > 0) yield ',';
      // The line break apart: a batch's text stays a slice of JSON.stringify's, which
      // jsonPieces reads without copying it (a '\n' joined on would be copied when read).
      yield '\n';
      yield elements(v.slice(i, i + BATCH), level + 1);
    }
    yield `\n${indent(level)}]`;
    return;
  }
  const o = v as Record<string, unknown>;
  let first = true;
  yield '{';
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (dropped(x)) continue;
    if (!first) yield ',';
    first = false;
    yield `\n${indent(level + 1)}${JSON.stringify(k)}: `;
    yield* tokens(x, level + 1);
  }
  yield `\n${indent(level)}}`;
}

/** The pieces, in order; joined they are `${JSON.stringify(value, null, 2)}\n`. */
export function jsonPieces(value: unknown, size?: number): Generator<string> {
  return pieces(tokens(value, 0), size);
}
