/** How many services the top-services card ranks; the API sums the rest into one row. */
export const TOP_SERVICES = 10;

/**
 * Splits a `top=N` cost answer into its ranked rows and the remainder the API appended as
 * "other" (after the N largest, per currency), so the remainder is shown apart and never
 * ranked. A service really named "other" inside the top N stays ranked: only a row past the
 * N largest is the remainder.
 */
export function splitTopRemainder<T extends Record<string, string | null>>(
  rows: readonly T[],
  dimension: string,
  top: number,
): { ranked: T[]; remainder: T | null } {
  if (rows.length <= top) return { ranked: [...rows], remainder: null };
  const last = rows[rows.length - 1]!;
  if (last[dimension] !== 'other') return { ranked: [...rows], remainder: null };
  return { ranked: rows.slice(0, -1), remainder: last };
}
