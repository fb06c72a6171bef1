// CSV as spreadsheets, R and pandas read it (RFC 4180: comma-separated, CRLF, fields quoted when they
// hold a comma, quote or line break), with a UTF-8 byte-order mark so Excel does not guess the encoding.
export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\ufeff';

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutralizeFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text taken from imported web pages must not become a live formula when the file is opened in a
 * spreadsheet: a cell starting with = + @ or a tab/CR is prefixed with an apostrophe (OWASP's advice).
 * A leading "-" is treated the same unless a space or a digit follows it (a dash, a negative number).
 */
function neutralizeFormula(text: string): string {
  return /^[=+@\t\r]/.test(text) || /^-[^\s\d]/.test(text) ? `'${text}` : text;
}
