/**
 * Masks an identifier (an account number, a resource id) for readers not allowed to see it:
 * the last four characters stay, so two masked values usually still differ on screen, and the
 * rest becomes asterisks. Short values are masked whole.
 */
export function maskIdentifier(value: string | null): string | null {
  if (value === null) return null;
  if (value.length <= 4) return '****';
  return `****${value.slice(-4)}`;
}
