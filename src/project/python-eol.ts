/**
 * The one table of CPython end-of-life dates (devguide.python.org/versions; from 3.13 on, PEP 602:
 * five years after the October release). After that day a line gets no security fixes and its
 * official images are frozen, so the plan says so and proposes a newer version.
 */
const END_OF_LIFE: Readonly<Record<string, string>> = {
  '2.7': '2020-01-01',
  '3.5': '2020-09-30',
  '3.6': '2021-12-23',
  '3.7': '2023-06-27',
  '3.8': '2024-10-07',
  '3.9': '2025-10-31',
  '3.10': '2026-10-31',
  '3.11': '2027-10-31',
  '3.12': '2028-10-31',
  '3.13': '2029-10-31',
  '3.14': '2030-10-31',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * 'October 2025' when `version` (major.minor) reached its end of life on or before `today`;
 * undefined while it is supported. Lines older than the table are end of life with no date ('').
 */
export function endOfLife(version: string, today: Date): string | undefined {
  const date = END_OF_LIFE[version];
  if (date === undefined) {
    const [major, minor] = version.split('.').map(Number);
    return major !== undefined && (major < 3 || (major === 3 && (minor ?? 0) < 5)) ? '' : undefined;
  }
  if (today.toISOString().slice(0, 10) < date) return undefined;
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** 'end of life since October 2025' / 'end of life' (the Python step's list says it so). */
export function endOfLifeNote(since: string): string {
  return since === '' ? 'end of life' : `end of life since ${since}`;
}

/** 'is end of life since October 2025' / 'is end of life'. */
export function endOfLifeText(since: string): string {
  return `is ${endOfLifeNote(since)}`;
}
