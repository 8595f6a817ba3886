import { daysInMonth, monthIndex, monthLabel } from '../assets/calendar-months.js';
import { daysInclusive } from '../cost-entries/calendar-days.js';
import { minorUnitDigits } from '../cost-entries/spread-over-days.js';
import { Decimal } from '../money.js';
import type { Licence, LicenceMetric, LicenceUsage } from './contract-model.js';

/** One licence in one month: its usage as of the month's last snapshot, and what that costs. */
export interface LicenceMonth {
  month: string;
  /** The day of the snapshot in effect at the month's end; null when none was loaded by then. */
  asOf: string | null;
  /** Null (with the figures below) when no usage was known by the month's end: unknown, not zero. */
  used: number | null;
  shortfall: number | null;
  /** The shortfall's cost for the days of the month in the term, at the term's price per unit. */
  shortfallCost: string | null;
  shelfware: number | null;
  shelfwareCost: string | null;
  status: 'compliant' | 'shortfall' | 'shelfware' | 'no-usage';
}

export interface LicenceTrend {
  licenceId: string;
  product: string;
  metric: LicenceMetric;
  entitled: number;
  currency: string;
  /** The most units held on any snapshot in force during the range, and the first day it was seen; null with no usage. */
  peak: { used: number; asOf: string } | null;
  /** The months of the range the licence's term covers. */
  months: LicenceMonth[];
}

/** One month's shortfall and shelfware cost over the licences in one currency. */
export interface LicenceTrendTotal {
  month: string;
  currency: string;
  /** Sums over the licences with usage; null when none of them had any. */
  shortfallCost: string | null;
  shelfwareCost: string | null;
  /** Licences of this currency in force this month with no usage known: the sums leave them out. */
  missing: string[];
}

export interface DatedUsage {
  asOf: string;
  usage: LicenceUsage;
}

const unitsHeld = (usage: LicenceUsage) =>
  usage.assignments.reduce((sum, assignment) => sum + assignment.quantity, 0);

/**
 * Licence usage over a range of months (from and to as YYYY-MM), by carrying snapshots forward:
 * 1. a month's usage is the licence's newest snapshot on or before the month's last day
 *    (`snapshots` holds, per licence, those in the range and the one in force at its start);
 * 2. shortfall and shelfware are that usage against the entitlement, each costed at the term's
 *    price per unit per day (price x units x days of the month in the term / (quantity x term
 *    days)), rounded half-up once to the currency's minor unit;
 * 3. the peak is the largest usage of the snapshots in force at any time in the range;
 * 4. totals add each month's costs per currency, naming the licences whose usage is unknown.
 */
export function traceLicenceUsage(
  licences: readonly Licence[],
  snapshots: ReadonlyMap<string, readonly DatedUsage[]>,
  range: { from: string; to: string },
): { licences: LicenceTrend[]; totals: LicenceTrendTotal[] } {
  const months: string[] = [];
  for (let index = monthIndex(range.from); index <= monthIndex(range.to); index++)
    months.push(monthLabel(index));
  const rangeEnd = `${range.to}-${String(daysInMonth(monthIndex(range.to))).padStart(2, '0')}`;
  const trends = licences.map((licence) => {
    const held = [...(snapshots.get(licence.id) ?? [])].sort((a, b) => a.asOf.localeCompare(b.asOf));
    return {
      licenceId: licence.id,
      product: licence.product,
      metric: licence.metric,
      entitled: licence.quantity,
      currency: licence.currency,
      peak: peakUsage(held, `${range.from}-01`, rangeEnd),
      months: months.flatMap((month) => {
        const line = licenceMonth(licence, held, month);
        return line ? [line] : [];
      }),
    };
  });
  return { licences: trends, totals: sumByMonth(trends, months) };
}

function licenceMonth(licence: Licence, held: readonly DatedUsage[], month: string): LicenceMonth | null {
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(monthIndex(month))).padStart(2, '0')}`;
  const start = licence.startsOn > first ? licence.startsOn : first;
  const end = licence.endsOn < last ? licence.endsOn : last;
  if (start > end) return null;
  const inForce = held.filter((snapshot) => snapshot.asOf <= last).at(-1);
  if (!inForce)
    return {
      month,
      asOf: null,
      used: null,
      shortfall: null,
      shortfallCost: null,
      shelfware: null,
      shelfwareCost: null,
      status: 'no-usage',
    };
  const used = unitsHeld(inForce.usage);
  const shortfall = Math.max(0, used - licence.quantity);
  const shelfware = Math.max(0, licence.quantity - used);
  const days = daysInclusive(start, end);
  const termDays = daysInclusive(licence.startsOn, licence.endsOn);
  const cost = (units: number) =>
    new Decimal(licence.price)
      .times(units)
      .times(days)
      .div(new Decimal(licence.quantity).times(termDays))
      .toDecimalPlaces(minorUnitDigits(licence.currency), Decimal.ROUND_HALF_UP)
      .toFixed();
  return {
    month,
    asOf: inForce.asOf,
    used,
    shortfall,
    shortfallCost: cost(shortfall),
    shelfware,
    shelfwareCost: cost(shelfware),
    status: shortfall > 0 ? 'shortfall' : shelfware > 0 ? 'shelfware' : 'compliant',
  };
}

/** The snapshots in force from `first` to `last`: the newest before `first` and those within. */
function peakUsage(held: readonly DatedUsage[], first: string, last: string): LicenceTrend['peak'] {
  const carried = held.filter((snapshot) => snapshot.asOf < first).at(-1);
  const within = held.filter((snapshot) => snapshot.asOf >= first && snapshot.asOf <= last);
  let peak: LicenceTrend['peak'] = null;
  for (const snapshot of carried ? [carried, ...within] : within) {
    const used = unitsHeld(snapshot.usage);
    if (!peak || used > peak.used) peak = { used, asOf: snapshot.asOf < first ? first : snapshot.asOf };
  }
  return peak;
}

function sumByMonth(trends: readonly LicenceTrend[], months: readonly string[]): LicenceTrendTotal[] {
  const currencies = [...new Set(trends.map((trend) => trend.currency))].sort();
  return months.flatMap((month) =>
    currencies.flatMap((currency) => {
      const lines = trends
        .filter((trend) => trend.currency === currency)
        .flatMap((trend) =>
          trend.months.filter((line) => line.month === month).map((line) => ({ trend, line })),
        );
      if (lines.length === 0) return [];
      const known = lines.filter(({ line }) => line.used !== null);
      const sum = (pick: (line: LicenceMonth) => string | null) =>
        known.length === 0
          ? null
          : known.reduce((total, { line }) => total.plus(pick(line) ?? '0'), new Decimal(0)).toFixed();
      return [
        {
          month,
          currency,
          shortfallCost: sum((line) => line.shortfallCost),
          shelfwareCost: sum((line) => line.shelfwareCost),
          missing: lines.filter(({ line }) => line.used === null).map(({ trend }) => trend.licenceId),
        },
      ];
    }),
  );
}
