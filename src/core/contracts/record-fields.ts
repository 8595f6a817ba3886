import { isCalendarDate } from '../assets/calendar-months.js';
import { isKnownCurrency } from '../currency-codes.js';
import { Decimal, isDecimalText } from '../money.js';

/**
 * Reads the fields of one record as a user wrote it (a YAML/JSON object or a CSV row of texts),
 * collecting every problem in the file's own field names instead of stopping at the first, so
 * one refusal can list them all.
 */
export class RecordFields {
  readonly problems: string[] = [];

  constructor(
    private readonly raw: Record<string, unknown>,
    fields: readonly string[],
  ) {
    const unknown = Object.keys(raw).filter((key) => !fields.includes(key));
    if (unknown.length > 0)
      this.problems.push(`unknown field(s) ${unknown.join(', ')}; the fields are ${fields.join(', ')}`);
  }

  /** A field as text: numbers become their text, blanks and nulls become null. */
  text(field: string): string | null {
    const value = this.raw[field];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') return null;
    const text = value.trim();
    return text === '' ? null : text;
  }

  required(field: string): string {
    const value = this.text(field);
    if (value === null) this.problems.push(`${field} is missing`);
    return value ?? '';
  }

  name(field: string, pattern: RegExp, what: string): string {
    const value = this.required(field);
    if (value !== '' && !pattern.test(value)) this.problems.push(`${field} '${value}' is not ${what}`);
    return value;
  }

  date(field: string): string {
    const value = this.required(field);
    if (value !== '' && !isCalendarDate(value))
      this.problems.push(`${field} '${value}' is not a date (YYYY-MM-DD)`);
    return value;
  }

  optionalDate(field: string): string | null {
    const value = this.text(field);
    if (value !== null && !isCalendarDate(value)) {
      this.problems.push(`${field} '${value}' is not a date (YYYY-MM-DD)`);
      return null;
    }
    return value;
  }

  /** A decimal of zero or more (more than zero with `positive`), normalised; null when blank and allowed. */
  decimal(field: string, options: { positive?: boolean; optional?: boolean; fallback?: string } = {}) {
    const value = this.text(field) ?? options.fallback ?? null;
    if (value === null) {
      if (!options.optional) this.problems.push(`${field} is missing`);
      return null;
    }
    const bad = !isDecimalText(value) || new Decimal(value).isNegative();
    if (bad || (options.positive && new Decimal(value).isZero())) {
      this.problems.push(
        `${field} '${value}' is not a decimal ${options.positive ? 'above zero' : 'of zero or more'}`,
      );
      return null;
    }
    return new Decimal(value).toFixed();
  }

  /** A whole number in [min, max]. */
  integer(field: string, min: number, max: number, fallback?: number): number {
    const value = this.text(field) ?? (fallback === undefined ? null : String(fallback));
    if (value === null) {
      this.problems.push(`${field} is missing`);
      return min;
    }
    const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      this.problems.push(`${field} '${value}' is not a whole number from ${min} to ${max}`);
      return min;
    }
    return number;
  }

  choice<T extends string>(field: string, options: readonly T[], fallback?: T): T {
    const value = this.text(field) ?? fallback ?? this.required(field);
    if (!(options as readonly string[]).includes(value)) {
      if (value !== '') this.problems.push(`${field} '${value}' is not one of ${options.join(', ')}`);
      return options[0]!;
    }
    return value as T;
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.text(field);
    if (value === null) return fallback;
    if (['true', 'yes'].includes(value.toLowerCase())) return true;
    if (['false', 'no'].includes(value.toLowerCase())) return false;
    this.problems.push(`${field} '${value}' is not true or false`);
    return fallback;
  }

  currency(field: string): string {
    const value = this.required(field);
    if (value !== '' && !isKnownCurrency(value))
      this.problems.push(`${field} '${value}' is not an ISO 4217 currency code`);
    return value;
  }

  /** The raw value (for nested lists, read by the caller). */
  value(field: string): unknown {
    return this.raw[field];
  }

  /** `first` must not come after `last`. */
  inOrder(firstField: string, first: string | null, lastField: string, last: string | null): void {
    if (first && last && isCalendarDate(first) && isCalendarDate(last) && last < first)
      this.problems.push(`${lastField} ${last} is before ${firstField} ${first}`);
  }
}

export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;
export const TEAM_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
