import { daysInMonth, monthIndex } from '../../core/assets/calendar-months.js';
import { type DatedUsage, traceLicenceUsage } from '../../core/contracts/licence-usage-trend.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Ten years of months: a longer range is a typing mistake. */
const MAX_MONTHS = 120;

/** Reads a month range (YYYY-MM to YYYY-MM, in order, at most ten years), or says what to write. */
export function readUsageRange(from: string, to: string): { from: string; to: string } {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!MONTH.test(value))
      throw new TollgateError(
        'LICENCE_BAD_RANGE',
        `${field} '${value}' is not a month; give the range as YYYY-MM.`,
        'usage',
        { field },
      );
  if (to < from)
    throw new TollgateError(
      'LICENCE_BAD_RANGE',
      `to ${to} is before from ${from}; give the first month first.`,
      'usage',
      { field: 'to' },
    );
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS)
    throw new TollgateError(
      'LICENCE_BAD_RANGE',
      `${from} to ${to} is more than ${MAX_MONTHS} months; ask for a shorter range.`,
      'usage',
      { field: 'to' },
    );
  return { from, to };
}

/**
 * Licence shortfall and shelfware month by month over a range, with their cost, and each
 * licence's peak usage: the snapshots in force at the range's start and those within it are
 * carried forward month by month (traceLicenceUsage). `product` keeps that product's licences.
 */
export async function reportLicenceUsage(
  stores: Stores,
  query: { from: string; to: string; product?: string },
) {
  const range = readUsageRange(query.from, query.to);
  const all = (await stores.contracts.listCurrent('licence')).map((version) => version.record);
  const licences =
    query.product === undefined ? all : all.filter((licence) => licence.product === query.product);
  if (query.product !== undefined && licences.length === 0) {
    const products = [...new Set(all.map((licence) => licence.product))].sort();
    throw new TollgateError(
      'LICENCE_PRODUCT_UNKNOWN',
      `No licence is for the product '${query.product}'; ${products.length === 0 ? 'load licences first' : `the products are ${products.join(', ')}`}.`,
      'not-found',
      { field: 'product' },
    );
  }
  const [carried, within] = await Promise.all([
    stores.licenceUsage.latestOnOrBefore(`${range.from}-01`),
    stores.licenceUsage.listBetween(
      `${range.from}-01`,
      `${range.to}-${String(daysInMonth(monthIndex(range.to))).padStart(2, '0')}`,
    ),
  ]);
  const snapshots = new Map<string, DatedUsage[]>();
  for (const snapshot of [...carried, ...within]) {
    const held = snapshots.get(snapshot.licenceId) ?? [];
    if (!held.some((known) => known.asOf === snapshot.asOf))
      held.push({ asOf: snapshot.asOf, usage: snapshot.usage });
    snapshots.set(snapshot.licenceId, held);
  }
  return {
    ...range,
    ...(query.product === undefined ? {} : { product: query.product }),
    ...traceLicenceUsage(licences, snapshots, range),
  };
}
