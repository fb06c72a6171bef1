// PDF date strings (ISO 32000 §7.9.4: "D:YYYYMMDDHHmmSSOHH'mm'", every part after the year optional)
// to and from ISO 8601. Real files bend the rule (a missing final apostrophe, no "D:", no zone): what
// can be read is read, and anything else is null rather than a wrong date.

/** An ISO 8601 instant for a PDF date string, or null when it cannot be read. */
export function parsePdfDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(?:(\d{2})'?)?)?/.exec(value.trim());
  if (!match) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zulu, sign, zh = '00', zm = '00'] = match;
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return null; // 31 February
  const offset = zulu || !sign ? 0 : (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  return new Date(local.getTime() - offset * 60_000).toISOString();
}

/** A PDF date string (UTC) for an ISO instant; null if it is not a date. */
export function toPdfDate(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
}
