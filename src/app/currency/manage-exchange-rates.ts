import { isCalendarDay } from '../../core/cost-entries/calendar-days.js';
import type { FilledPair } from '../../core/currency/fill-forward-rates.js';
import { type RawRate, readExchangeRates } from '../../core/currency/read-exchange-rates.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { readRatesFile } from '../../ingest/currency/read-rates-file.js';
import type {
  ExchangeRate,
  ExchangeRateFilter,
  StoredExchangeRate,
} from '../../ports/exchange-rate-store.js';
import type { Stores } from '../../ports/stores.js';
import { auditRecorder, commandLineActor, type RecordChange } from '../audit/record-audit.js';

export interface SaveRatesResult {
  source: string;
  /** Rates new to the store. */
  added: number;
  /** Rates that replaced a different stored rate of the same day and pair. */
  changed: number;
  /** Rates equal to the stored ones. */
  unchanged: number;
  /** Rates of closed months, not applied: a closed period keeps the rates it closed with. */
  frozen: { period: string; rates: number }[];
  /** Whether the days the source skipped were filled forward (asked for, never by default). */
  fillForward: boolean;
  /** Per pair, how many skipped days got the last published rate (each stored with the day it is from). */
  filled: FilledPair[];
}

/**
 * `tollgate rates load FILE`: a CSV of date,from,to,rate, or the ECB's own eurofxref layout;
 * `fillForward` fills the days it skips from the last published day.
 */
export async function loadRatesFile(
  stores: Stores,
  path: string,
  recordChange?: RecordChange,
  fillForward = false,
): Promise<SaveRatesResult> {
  const raws = await readRatesFile(stores.fileEngine, path);
  return saveRates(stores, path, readExchangeRates(path, raws, { fillForward }), fillForward, recordChange);
}

/** `tollgate rates add` and the API: rates typed in, checked as a file's are. */
export async function addRates(
  stores: Stores,
  raws: readonly Omit<RawRate, 'row'>[],
  recordChange?: RecordChange,
  fillForward = false,
): Promise<SaveRatesResult> {
  const rates = readExchangeRates(
    'typed rates',
    raws.map((raw, index) => ({ ...raw, row: index + 1 })),
    { fillForward },
  );
  return saveRates(stores, 'typed', rates, fillForward, recordChange);
}

/**
 * Saves checked rates in one transaction.
 * 1. Compare each with the stored rate of its day and pair: new, changed or unchanged.
 * 2. A new or changed rate of a closed month is held back (frozen): the closed period keeps
 *    converting as it did when it closed until it is reopened (tollgate periods reopen).
 * 3. Write the rest and record one audit entry, with the rates each change replaced.
 */
async function saveRates(
  stores: Stores,
  source: string,
  read: { rates: readonly ExchangeRate[]; filled: FilledPair[] },
  fillForward: boolean,
  recordChange?: RecordChange,
): Promise<SaveRatesResult> {
  const { rates } = read;
  return stores.transaction(async () => {
    const days = rates.map((rate) => rate.date).sort();
    const stored = new Map(
      (await stores.exchangeRates.listRates({ fromDay: days[0], toDay: days[days.length - 1] })).map(
        (rate) => [rateKey(rate), rate],
      ),
    );
    const closed = new Set(
      (await stores.allocation.periods.listClosedPeriods()).map((period) => period.period),
    );
    const toSave: ExchangeRate[] = [];
    const replaced: StoredExchangeRate[] = [];
    const frozen = new Map<string, number>();
    let unchanged = 0;
    for (const rate of rates) {
      const before = stored.get(rateKey(rate));
      if (before && before.rate === rate.rate && before.filledFrom === (rate.filledFrom ?? null)) {
        unchanged++;
        continue;
      }
      const period = rate.date.slice(0, 7);
      if (closed.has(period)) {
        frozen.set(period, (frozen.get(period) ?? 0) + 1);
        continue;
      }
      toSave.push(rate);
      if (before) replaced.push(before);
    }
    await stores.exchangeRates.saveRates(toSave, source);
    const result: SaveRatesResult = {
      source,
      added: toSave.length - replaced.length,
      changed: replaced.length,
      unchanged,
      frozen: [...frozen.entries()].sort().map(([period, count]) => ({ period, rates: count })),
      fillForward,
      filled: read.filled,
    };
    if (toSave.length > 0) {
      await (recordChange ?? auditRecorder(stores, commandLineActor()))({
        action: 'rates.save',
        target: `rates:${source}`,
        before:
          replaced.length > 0
            ? { replaced: replaced.slice(0, 1000).map(({ loadedAt: _at, ...rate }) => rate) }
            : null,
        after: {
          added: result.added,
          changed: result.changed,
          frozen: result.frozen,
          days: [days[0], days[days.length - 1]],
          ...(fillForward ? { fillForward: true, filled: result.filled } : {}),
        },
      });
    }
    return result;
  });
}

/** The stored rates, filtered; days and currencies are checked first. */
export async function listRates(
  stores: Stores,
  filter: ExchangeRateFilter,
  labels: FieldLabels<'fromDay' | 'toDay' | 'fromCurrency' | 'toCurrency'> = {},
): Promise<StoredExchangeRate[]> {
  for (const field of ['fromDay', 'toDay'] as const) {
    const value = filter[field];
    if (value !== undefined && !isCalendarDay(value))
      throw new TollgateError(
        'RATES_BAD_DAY',
        `${labelOf(labels, field)} ${value} is not a day; write YYYY-MM-DD.`,
        'usage',
      );
  }
  for (const field of ['fromCurrency', 'toCurrency'] as const) {
    const value = filter[field];
    if (value !== undefined && !/^[A-Z]{3}$/.test(value))
      throw new TollgateError(
        'RATES_BAD_CURRENCY',
        `${labelOf(labels, field)} ${value} is not a currency code such as EUR.`,
        'usage',
      );
  }
  return stores.exchangeRates.listRates(filter);
}

function rateKey(rate: Pick<ExchangeRate, 'date' | 'from' | 'to'>): string {
  return `${rate.date}|${rate.from}|${rate.to}`;
}
