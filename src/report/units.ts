/** Sizes as Docker shows them (decimal MB), so numbers match `docker images`. */
export function mb(bytes: number): string {
  if (bytes <= 0) return '-';
  const v = bytes / 1e6;
  return v >= 100 ? `${v.toFixed(0)} MB` : v >= 10 ? `${v.toFixed(1)} MB` : `${v.toFixed(2)} MB`;
}

export function times(x: number | undefined): string {
  return x === undefined ? '-' : `${x.toFixed(1)}×`;
}

export function seconds(s: number): string {
  return s <= 0 ? '-' : `${s.toFixed(s >= 100 ? 0 : 1)} s`;
}

/** A fact that a failed candidate may never have had measured: 'unknown' then, never a guess. */
export function fact(v: boolean | undefined, yes: string, no: string): string {
  return v === undefined ? 'unknown' : v ? yes : no;
}

/** A long instruction shortened for a table cell. */
export function clip(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** A cold start in ms, '-' when not measured. */
export function startMs(v: number | undefined): string {
  return v === undefined ? '-' : `${Math.round(v)} ms`;
}
