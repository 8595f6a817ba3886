/**
 * A record number as a user types it (a load, an alert, a rule set version), or undefined when
 * the text is not one: only digits, at least 1, and small enough to be exact in JavaScript and
 * to fit the BIGINT columns (a number past 2^53 would reach the database rounded, and one past
 * 2^63 fails there as an internal conversion error instead of "not found").
 */
export function parseRecordNumber(text: string): number | undefined {
  if (!/^[0-9]{1,16}$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isSafeInteger(number) && number >= 1 ? number : undefined;
}
