// Dates as people and formats write them, reduced to our ISO prefixes: "YYYY", "YYYY-MM" or
// "YYYY-MM-DD". We keep the calendar date as written (no time-zone shifting): "2018-11-12T23:30-05:00"
// is 12 November for its author, whatever the reader's zone.

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
  // French, since many of our sources come from Paris.
  janvier: 1, 'février': 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7,
  'août': 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, 'décembre': 12, decembre: 12,
};

// Longest names first so that "sept" is not read as "sep" + "t".
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er)?';
const YEAR = '(\\d{4})';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Builds an ISO prefix if the parts form a real date (year 1000-2999). */
export function isoDate(year: number, month?: number, day?: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return null;
  if (month === undefined) return String(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (day === undefined) return `${year}-${pad(month)}`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

interface Pattern {
  regex: RegExp;
  build: (m: RegExpExecArray) => string | null;
}

const month = (name: string | undefined): number | undefined => (name ? MONTHS[name.toLowerCase()] : undefined);
const num = (s: string | undefined): number => Number(s);

const PATTERNS: Pattern[] = [
  // 2018-11-12, 2018-11-12T10:00:00Z, 2018/11/12
  { regex: /(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/, build: (m) => isoDate(num(m[1]), num(m[2]), num(m[3])) },
  // 12 November 2018, 12th of Nov. 2018, 12 novembre 2018
  {
    regex: new RegExp(`(?<![\\p{L}\\d])${DAY}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+${YEAR}(?!\\d)`, 'iu'),
    build: (m) => isoDate(num(m[3]), month(m[2]), num(m[1])),
  },
  // November 12, 2018 / Nov 12 2018
  {
    regex: new RegExp(`(?<![\\p{L}\\d])${MONTH}\\.?\\s+${DAY},?\\s+${YEAR}(?!\\d)`, 'iu'),
    build: (m) => isoDate(num(m[3]), month(m[1]), num(m[2])),
  },
  // November 2018
  {
    regex: new RegExp(`(?<![\\p{L}\\d])${MONTH}\\.?,?\\s+${YEAR}(?!\\d)`, 'iu'),
    build: (m) => isoDate(num(m[2]), month(m[1])),
  },
];

/** The first complete date written in a piece of prose ("Updated on 05 April 2024"), or null. */
export function findDateInText(text: string): string | null {
  let best: { index: number; length: number; iso: string } | null = null;
  for (const { regex, build } of PATTERNS) {
    const m = regex.exec(text);
    if (!m) continue;
    const iso = build(m);
    if (!iso) continue;
    // Earliest wins; at the same place the longer (more precise) match wins.
    if (!best || m.index < best.index || (m.index === best.index && m[0].length > best.length)) {
      best = { index: m.index, length: m[0].length, iso };
    }
  }
  return best?.iso ?? null;
}

/** A date from a metadata field: ISO-like values ("2018", "2018-11", "2018-11-12T…") or prose. */
export function parseDateValue(value: string | null | undefined): string | null {
  const s = value?.trim();
  if (!s) return null;
  const iso = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T\s])/.exec(s);
  if (iso) {
    const [, y, m, d] = iso;
    return isoDate(num(y), m === undefined ? undefined : num(m), d === undefined ? undefined : num(d));
  }
  return parsePdfDate(s) ?? findDateInText(s);
}

/** A PDF date string ("D:20181112093000+01'00'", the "D:" optional) to an ISO prefix. */
export function parsePdfDate(value: string | null | undefined): string | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value?.trim() ?? '');
  if (!m) return null;
  const [, y, mo, d] = m;
  return isoDate(num(y), mo === undefined ? undefined : num(mo), d === undefined ? undefined : num(d));
}
