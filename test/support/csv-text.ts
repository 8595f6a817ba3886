/**
 * A small RFC 4180 reader and writer for tests, independent of the code under test (which
 * reads CSV through DuckDB), so fixtures can be edited cell by cell and totals recomputed.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function writeCsv(rows: string[][]): string {
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return `${rows.map((row) => row.map(cell).join(',')).join('\n')}\n`;
}

/** Exact decimal sum with BigInt at a fixed scale; NULL literals and empty cells count as nothing. */
export function sumDecimals(values: string[], scale = 16): string {
  let total = 0n;
  for (const raw of values) {
    const value = raw.trim();
    if (value === '' || value === 'NULL') continue;
    const negative = value.startsWith('-');
    const [whole, fraction = ''] = value.replace(/^[-+]/, '').split('.');
    const units =
      BigInt(whole || '0') * 10n ** BigInt(scale) +
      BigInt((fraction + '0'.repeat(scale)).slice(0, scale) || '0');
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
  return (negative ? '-' : '') + (text === '' ? '0' : text);
}

/** A decimal string without trailing zeros, for comparing amounts printed at different scales. */
export function normaliseDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
