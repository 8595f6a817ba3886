import { TollgateError } from '../errors.js';
import { Decimal } from '../money.js';
import type { Asset } from './asset-model.js';
import { dayOfMonth, daysInMonth, monthIndex, monthLabel } from './calendar-months.js';

/** One month of an asset's schedule; amounts are decimal strings in the asset's currency. */
export interface DepreciationMonth {
  month: string;
  depreciation: string;
  impairment: string;
  /** The remaining book value above salvage, written off in the month of an early disposal. */
  writeOff: string;
  /** Book value at the end of the month. */
  bookValue: string;
}

/** Monthly amounts are rounded to this many decimals (cents); the last month takes the remainder. */
export const SCHEDULE_SCALE = 2;

const ZERO = new Decimal(0);
const round = (value: Decimal) => value.toDecimalPlaces(SCHEDULE_SCALE, Decimal.ROUND_HALF_EVEN);

/**
 * The share of a month each month of the useful life carries, by the partial-month convention;
 * the shares add up to the useful life in months.
 */
export function lifeMonthWeights(asset: Asset): Decimal[] {
  const life = asset.usefulLifeMonths;
  const start = asset.inServiceOn!;
  let first = new Decimal(1);
  if (asset.convention === 'half-month') first = new Decimal('0.5');
  if (asset.convention === 'daily') {
    const days = daysInMonth(monthIndex(start));
    first = new Decimal(days - dayOfMonth(start) + 1).div(days);
  }
  const weights = [first, ...Array.from({ length: life - 1 }, () => new Decimal(1))];
  if (first.lt(1)) weights.push(new Decimal(1).minus(first));
  return weights;
}

function emptyMonth(month: number, bookValue: Decimal) {
  return { month, depreciation: ZERO, impairment: ZERO, writeOff: ZERO, bookValue };
}

/**
 * The monthly depreciation schedule of an asset, exact to the cent.
 * Method (remaining-balance depreciation with a closing remainder):
 * 1. The months run from the in-service month over the useful life; each carries a weight by
 *    the convention (lifeMonthWeights), the weights summing to the life in months.
 * 2. Each month depreciates what is left above salvage over the weight still to come: straight
 *    line is (book - salvage) x weight / remaining weight; double-declining is book x 2/life x
 *    weight, switching to that straight-line figure once it is larger. Amounts are rounded to
 *    cents and never take the book below salvage; the last month takes exactly what is left,
 *    so the months sum to cost minus salvage.
 * 3. An impairment lowers the book value in its month, after that month's depreciation; the
 *    later months re-spread what is left (step 2 works on the remaining balance).
 * 4. An early disposal ends the schedule: its month writes off the book value above salvage
 *    (salvage being what the disposal is expected to fetch).
 * An asset never put in service has no schedule unless it is disposed of, which writes off its
 * cost above salvage in the disposal month.
 */
export function buildDepreciationSchedule(asset: Asset): DepreciationMonth[] {
  const cost = new Decimal(asset.acquisitionCost);
  const salvage = new Decimal(asset.salvageValue);
  const disposal = asset.disposedOn === null ? null : monthIndex(asset.disposedOn);
  const impairments = impairmentsByMonth(asset);
  const rows: ReturnType<typeof emptyMonth>[] = [];
  let book = cost;
  if (asset.inServiceOn !== null) {
    const weights = lifeMonthWeights(asset);
    const start = monthIndex(asset.inServiceOn);
    const life = new Decimal(asset.usefulLifeMonths);
    let remaining = weights.reduce((sum, weight) => sum.plus(weight), ZERO);
    for (const [offset, weight] of weights.entries()) {
      const month = start + offset;
      if (disposal !== null && month >= disposal) break;
      const left = book.minus(salvage);
      let amount: Decimal;
      if (offset === weights.length - 1) amount = left;
      else {
        const straight = left.times(weight).div(remaining);
        const declining =
          asset.method === 'double-declining' ? book.times(2).div(life).times(weight) : straight;
        amount = Decimal.min(round(Decimal.max(straight, declining)), left);
      }
      remaining = remaining.minus(weight);
      book = book.minus(amount);
      const row = { ...emptyMonth(month, book), depreciation: amount };
      const impairment = impairments.get(month);
      if (impairment !== undefined) {
        impairments.delete(month);
        if (impairment.gt(book.minus(salvage))) refuseImpairment(asset, month, impairment, book, salvage);
        book = book.minus(impairment);
        row.impairment = impairment;
        row.bookValue = book;
      }
      rows.push(row);
    }
  }
  if (disposal !== null && book.gt(salvage)) {
    // The loop stopped before the disposal month, so that month gets a row of its own.
    const row = emptyMonth(disposal, salvage);
    const impairment = impairments.get(disposal);
    if (impairment !== undefined) {
      impairments.delete(disposal);
      if (impairment.gt(book.minus(salvage))) refuseImpairment(asset, disposal, impairment, book, salvage);
      book = book.minus(impairment);
      row.impairment = impairment;
    }
    row.writeOff = book.minus(salvage);
    rows.push(row);
  }
  const [stray] = impairments.keys();
  if (stray !== undefined) {
    throw new TollgateError(
      'ASSET_IMPAIRMENT_OUTSIDE_LIFE',
      `Asset ${asset.id}: the impairment in ${monthLabel(stray)} falls outside its depreciation months (from the in-service month to the end of its useful life or its disposal); date it within them or leave it out.`,
    );
  }
  return rows.map((row) => ({
    month: monthLabel(row.month),
    depreciation: row.depreciation.toFixed(),
    impairment: row.impairment.toFixed(),
    writeOff: row.writeOff.toFixed(),
    bookValue: row.bookValue.toFixed(),
  }));
}

function impairmentsByMonth(asset: Asset): Map<number, Decimal> {
  const byMonth = new Map<number, Decimal>();
  for (const impairment of asset.impairments) {
    const month = monthIndex(impairment.on);
    byMonth.set(month, (byMonth.get(month) ?? ZERO).plus(impairment.amount));
  }
  return byMonth;
}

function refuseImpairment(
  asset: Asset,
  month: number,
  amount: Decimal,
  book: Decimal,
  salvage: Decimal,
): never {
  throw new TollgateError(
    'ASSET_IMPAIRMENT_TOO_LARGE',
    `Asset ${asset.id}: the impairment of ${amount.toFixed()} in ${monthLabel(month)} is more than its book value above salvage then (${book.minus(salvage).toFixed()}); lower the impairment or the salvage value.`,
  );
}

/** What the months of a schedule add up to: depreciation, impairment and write-off together. */
export function totalWrittenDown(schedule: readonly DepreciationMonth[]): Decimal {
  return schedule.reduce(
    (sum, month) => sum.plus(month.depreciation).plus(month.impairment).plus(month.writeOff),
    ZERO,
  );
}
