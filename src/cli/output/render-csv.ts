/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
export function renderCsv(headers: string[], rows: (string | null)[][]): string {
  const field = (value: string | null) => {
    if (value === null) return '';
    return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  };
  return [headers, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
