import { Decimal } from '../../../core/money.js';
import type { Invoice, InvoiceLineFigures, InvoiceStore } from '../../../ports/invoice-store.js';
import { periodBounds } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

const INVOICE_ROW_COLUMNS = [
  ['invoiceid', 'TEXT'],
  ['billingaccountid', 'TEXT'],
  ['period', 'TEXT'],
  ['currency', 'TEXT'],
  ['amount', 'TEXT'],
  ['tax', 'TEXT'],
] as const;

type FigureRow = Record<string, unknown> & {
  invoice_id: string;
  lines: string;
  charges: string;
  credits: string;
  tax: string;
};

/** Invoices in one table; the cost lines' figures read by invoice id, or by account and period. */
export class SqlInvoiceStore implements InvoiceStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  async replaceInvoices(invoices: Invoice[], sourcePath: string): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.lockArea('invoices');
      const rows = invoices.map((invoice) => ({
        invoiceid: invoice.invoiceId,
        billingaccountid: invoice.billingAccountId,
        period: invoice.period,
        currency: invoice.currency,
        amount: invoice.amount,
        tax: invoice.tax,
      }));
      await this.db.run(
        `DELETE FROM invoices WHERE invoice_id IN (SELECT r.invoiceid FROM ${this.dialect.jsonRows('rows', INVOICE_ROW_COLUMNS)})`,
        { rows: JSON.stringify(rows) },
      );
      await this.db.run(
        `INSERT INTO invoices (invoice_id, billing_account_id, period, currency, amount, tax, source_path, loaded_at)
         SELECT r.invoiceid, r.billingaccountid, r.period, r.currency, CAST(r.amount AS NUMERIC(38,16)),
           CAST(r.tax AS NUMERIC(38,16)), $path, ${this.dialect.nowUtc}
         FROM ${this.dialect.jsonRows('rows', INVOICE_ROW_COLUMNS)}`,
        { rows: JSON.stringify(rows), path: sourcePath },
      );
    });
  }

  async listInvoices(period: string): Promise<Invoice[]> {
    return this.db.all<Invoice & Record<string, unknown>>(
      `SELECT invoice_id AS "invoiceId", billing_account_id AS "billingAccountId", period, currency,
         ${this.dialect.moneyText('amount')} AS amount, ${this.dialect.moneyText('tax')} AS tax
       FROM invoices WHERE period = $period ORDER BY invoice_id`,
      { period },
    );
  }

  async lineFigures(period: string): Promise<InvoiceLineFigures[]> {
    const sums = (table: string) => `CAST(count(${table}.billed_cost) AS TEXT) AS lines,
      ${this.dialect.moneyText(`COALESCE(SUM(CASE WHEN ${table}.charge_category NOT IN ('Tax', 'Credit') THEN ${table}.billed_cost END), 0)`)} AS charges,
      ${this.dialect.moneyText(`COALESCE(SUM(CASE WHEN ${table}.charge_category = 'Credit' THEN ${table}.billed_cost END), 0)`)} AS credits,
      ${this.dialect.moneyText(`COALESCE(SUM(CASE WHEN ${table}.charge_category = 'Tax' THEN ${table}.billed_cost END), 0)`)} AS tax`;
    const bounds = periodBounds(period);
    const inPeriod =
      'c.billing_period_start >= CAST($start AS TIMESTAMP) AND c.billing_period_start < CAST($end AS TIMESTAMP)';
    const byId = await this.db.all<FigureRow>(
      `SELECT i.invoice_id, ${sums('c')} FROM invoices i
       LEFT JOIN cost_lines c ON c.invoice_id = i.invoice_id AND ${inPeriod}
       WHERE i.period = $period GROUP BY i.invoice_id ORDER BY i.invoice_id`,
      { period, ...bounds },
    );
    const byAccount = await this.db.all<FigureRow>(
      `SELECT i.invoice_id, ${sums('c')} FROM invoices i
       LEFT JOIN cost_lines c ON c.billing_account_id = i.billing_account_id AND c.billing_currency = i.currency
         AND c.invoice_id IS NULL AND ${inPeriod}
       WHERE i.period = $period GROUP BY i.invoice_id ORDER BY i.invoice_id`,
      { period, ...bounds },
    );
    const accountOf = new Map(byAccount.map((row) => [row.invoice_id, row]));
    return byId.map((row) => {
      const account = accountOf.get(row.invoice_id)!;
      const matched = Number(row.lines) > 0;
      const source = matched ? row : account;
      return {
        invoiceId: row.invoice_id,
        matchedBy: matched ? 'invoice-id' : 'account-period',
        lines: Number(source.lines),
        charges: source.charges,
        credits: source.credits,
        tax: source.tax,
        notInvoiced: matched ? sumText(account) : '0',
      };
    });
  }
}

function sumText(row: FigureRow): string {
  return new Decimal(row.charges).plus(row.credits).plus(row.tax).toFixed();
}
