import type {
  ExchangeRate,
  ExchangeRateFilter,
  ExchangeRateStore,
  StoredExchangeRate,
} from '../../../ports/exchange-rate-store.js';
import { textColumns, trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** Exchange rates (exchange_rates), on either engine. */
export class SqlExchangeRateStore implements ExchangeRateStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  async saveRates(rates: readonly ExchangeRate[], source: string): Promise<void> {
    if (rates.length === 0) return;
    // One statement for the batch: the rates travel as one JSON array.
    await this.db.run(
      `INSERT INTO exchange_rates (rate_date, from_currency, to_currency, rate, source, loaded_at, filled_from)
       SELECT CAST(r.rate_date AS DATE), r.from_currency, r.to_currency, CAST(r.rate AS NUMERIC(38,16)),
         $source, ${this.dialect.nowUtc}, CAST(r.filled_from AS DATE)
       FROM ${this.dialect.jsonRows('rates', textColumns(['rate_date', 'from_currency', 'to_currency', 'rate', 'filled_from']))}
       ON CONFLICT (rate_date, from_currency, to_currency)
       DO UPDATE SET rate = excluded.rate, source = excluded.source, loaded_at = excluded.loaded_at,
         filled_from = excluded.filled_from`,
      {
        source,
        rates: JSON.stringify(
          rates.map((rate) => ({
            rate_date: rate.date,
            from_currency: rate.from,
            to_currency: rate.to,
            rate: rate.rate,
            filled_from: rate.filledFrom ?? null,
          })),
        ),
      },
    );
  }

  async listRates(filter: ExchangeRateFilter): Promise<StoredExchangeRate[]> {
    const { dialect } = this;
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.fromDay !== undefined) {
      where.push(`rate_date >= CAST($fromDay AS DATE)`);
      params.fromDay = filter.fromDay;
    }
    if (filter.toDay !== undefined) {
      where.push(`rate_date <= CAST($toDay AS DATE)`);
      params.toDay = filter.toDay;
    }
    if (filter.fromCurrency !== undefined) {
      where.push('from_currency = $fromCurrency');
      params.fromCurrency = filter.fromCurrency;
    }
    if (filter.toCurrency !== undefined) {
      where.push('to_currency = $toCurrency');
      params.toCurrency = filter.toCurrency;
    }
    const rows = await this.db.all<{
      rate_date: string;
      from_currency: string;
      to_currency: string;
      rate: string;
      source: string;
      loaded_at: string;
      filled_from: string | null;
    }>(
      `SELECT ${dialect.dateColumn('rate_date')}, from_currency, to_currency, ${dialect.moneyColumn('rate')},
         source, ${dialect.isoColumn('loaded_at')}, ${dialect.dateColumn('filled_from')}
       FROM exchange_rates ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY from_currency, to_currency, rate_date`,
      params,
    );
    return rows.map((row) => ({
      date: row.rate_date,
      from: row.from_currency,
      to: row.to_currency,
      rate: trimMoney(row.rate),
      filledFrom: row.filled_from,
      source: row.source,
      loadedAt: row.loaded_at,
    }));
  }

  async listCurrencies(): Promise<string[]> {
    const rows = await this.db.all<{ currency: string }>(
      `SELECT from_currency AS currency FROM exchange_rates
       UNION SELECT to_currency AS currency FROM exchange_rates
       ORDER BY currency`,
    );
    return rows.map((row) => row.currency);
  }
}
