/** The slice of a list to show so that `focus` stays visible: [from, to). */
export function scrollWindow(length: number, focus: number, size: number): [number, number] {
  if (length <= size) return [0, length];
  const from = Math.max(0, Math.min(focus - Math.floor(size / 2), length - size));
  return [from, from + size];
}
