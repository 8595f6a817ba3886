import { Decimal } from '../../core/money.js';

/** DECIMAL(38,16) text without its trailing zeros ('451.2000000000000000' -> '451.2'). */
export function trimMoney(text: string): string {
  return new Decimal(text).toString();
}

/** A nullable column's value as an optional field. */
export function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/** The timestamps that bound a billing month ('2026-01' -> 2026-01-01 up to 2026-02-01). */
export function periodBounds(period: string): { start: string; end: string } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { start: `${period}-01 00:00:00`, end: `${next}-01 00:00:00` };
}

/** Text columns for `SqlDialect.jsonRows`. */
export function textColumns(names: readonly string[]): [string, string][] {
  return names.map((name) => [name, 'VARCHAR']);
}
