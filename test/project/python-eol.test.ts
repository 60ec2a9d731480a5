import { describe, expect, it } from 'vitest';
import { endOfLife } from '../../src/project/python-eol.js';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('end-of-life table', () => {
  it('3.9 ends on 31 October 2025: supported the day before, end of life from that day', () => {
    expect(endOfLife('3.9', day('2025-10-30'))).toBeUndefined();
    expect(endOfLife('3.9', day('2025-10-31'))).toBe('October 2025');
    expect(endOfLife('3.9', day('2026-12-02'))).toBe('October 2025');
  });

  it('each line by its own date', () => {
    const today = day('2026-12-02');
    expect(endOfLife('3.8', today)).toBe('October 2024');
    expect(endOfLife('3.7', today)).toBe('June 2023');
    expect(endOfLife('3.10', today)).toBe('October 2026');
    expect(endOfLife('3.10', day('2026-06-01'))).toBeUndefined();
    for (const v of ['3.11', '3.12', '3.13', '3.14']) expect(endOfLife(v, today), v).toBeUndefined();
  });

  it('lines older than the table are end of life without a date; future ones are not', () => {
    expect(endOfLife('3.2', day('2026-12-02'))).toBe('');
    expect(endOfLife('2.6', day('2026-12-02'))).toBe('');
    expect(endOfLife('3.15', day('2026-12-02'))).toBeUndefined();
  });
});
