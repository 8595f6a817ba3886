/**
 * The largest amount one cost line may carry. Amounts are stored as DECIMAL(38,16), which keeps 22
 * digits before the point; a line is held to 15 so that the sum of ten million lines at the limit
 * still fits exactly. No real charge comes near it: a larger value is a broken export.
 */
export const LINE_AMOUNT_INTEGER_DIGITS = 15;

/** The limit as text users read in a message (999,999,999,999,999.9999999999999999). */
export const LINE_AMOUNT_LIMIT_TEXT = `${'999,'.repeat(LINE_AMOUNT_INTEGER_DIGITS / 3).slice(0, -1)}.${'9'.repeat(16)}`;

/** Decimal places Tollgate keeps; more are rounded, and ingest says how many values were. */
export const KEPT_DECIMAL_PLACES = 16;
