/**
 * Quoting for the few names SQL cannot take as bound parameters: column names read from a
 * file's header, and paths in DuckDB's COPY. Values a user sends are always bound instead.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
