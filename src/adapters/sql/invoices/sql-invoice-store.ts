import { Decimal } from '../../../core/money.js';
import type {
  Invoice,
  InvoiceAcceptance,
  InvoiceLineFigures,
  InvoiceStore,
  InvoiceTolerance,
  StoredTolerance,
} from '../../../ports/invoice-store.js';
import { periodBounds, trimMoney } from '../sql-columns.js';
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
  provider: string | null;
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
      MIN(${table}.provider_name) AS provider,
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
        providerName: source.provider,
        charges: source.charges,
        credits: source.credits,
        tax: source.tax,
        notInvoiced: matched ? sumText(account) : '0',
      };
    });
  }

  async getInvoice(invoiceId: string): Promise<Invoice | undefined> {
    return this.db.one<Invoice & Record<string, unknown>>(
      `SELECT invoice_id AS "invoiceId", billing_account_id AS "billingAccountId", period, currency,
         ${this.dialect.moneyText('amount')} AS amount, ${this.dialect.moneyText('tax')} AS tax
       FROM invoices WHERE invoice_id = $id`,
      { id: invoiceId },
    );
  }

  async setTolerance(tolerance: InvoiceTolerance, setBy: string): Promise<void> {
    await this.db.run(
      `INSERT INTO invoice_tolerances (scope, scope_key, absolute_amount, percent, set_by, set_at)
       VALUES ($scope, $key, CAST($absolute AS NUMERIC(38,16)), CAST($percent AS NUMERIC(38,16)), $by, ${this.dialect.nowUtc})
       ON CONFLICT (scope, scope_key) DO UPDATE SET absolute_amount = EXCLUDED.absolute_amount,
         percent = EXCLUDED.percent, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      {
        scope: tolerance.scope,
        key: tolerance.key,
        absolute: tolerance.absolute,
        percent: tolerance.percent,
        by: setBy,
      },
    );
  }

  async removeTolerance(scope: InvoiceTolerance['scope'], key: string): Promise<boolean> {
    const removed = await this.db.all(
      'DELETE FROM invoice_tolerances WHERE scope = $scope AND scope_key = $key RETURNING scope',
      { scope, key },
    );
    return removed.length > 0;
  }

  async listTolerances(): Promise<StoredTolerance[]> {
    const rows = await this.db.all<{
      scope: StoredTolerance['scope'];
      scope_key: string;
      absolute_amount: string | null;
      percent: string | null;
      set_by: string;
      set_at: string;
    }>(
      `SELECT scope, scope_key, ${this.dialect.moneyText('absolute_amount')} AS absolute_amount,
         ${this.dialect.moneyText('percent')} AS percent, set_by, ${this.dialect.isoSecondColumn('set_at')}
       FROM invoice_tolerances ORDER BY scope, scope_key`,
    );
    return rows.map((row) => ({
      scope: row.scope,
      key: row.scope_key,
      absolute: row.absolute_amount === null ? null : trimMoney(row.absolute_amount),
      percent: row.percent === null ? null : trimMoney(row.percent),
      setBy: row.set_by,
      setAt: row.set_at,
    }));
  }

  async acceptDifference(acceptance: Omit<InvoiceAcceptance, 'acceptedAt'>): Promise<void> {
    await this.db.run(
      `INSERT INTO invoice_acceptances (invoice_id, difference, reason, accepted_by, accepted_at)
       VALUES ($id, CAST($difference AS NUMERIC(38,16)), $reason, $by, ${this.dialect.nowUtc})
       ON CONFLICT (invoice_id) DO UPDATE SET difference = EXCLUDED.difference, reason = EXCLUDED.reason,
         accepted_by = EXCLUDED.accepted_by, accepted_at = EXCLUDED.accepted_at`,
      {
        id: acceptance.invoiceId,
        difference: acceptance.difference,
        reason: acceptance.reason,
        by: acceptance.acceptedBy,
      },
    );
  }

  async listAcceptances(period: string): Promise<InvoiceAcceptance[]> {
    const rows = await this.db.all<{
      invoice_id: string;
      difference: string;
      reason: string;
      accepted_by: string;
      accepted_at: string;
    }>(
      `SELECT a.invoice_id, ${this.dialect.moneyText('a.difference')} AS difference, a.reason, a.accepted_by,
         ${this.dialect.isoSecondColumn('a.accepted_at', 'accepted_at')}
       FROM invoice_acceptances a JOIN invoices i ON i.invoice_id = a.invoice_id
       WHERE i.period = $period ORDER BY a.invoice_id`,
      { period },
    );
    return rows.map((row) => ({
      invoiceId: row.invoice_id,
      difference: trimMoney(row.difference),
      reason: row.reason,
      acceptedBy: row.accepted_by,
      acceptedAt: row.accepted_at,
    }));
  }
}

function sumText(row: FigureRow): string {
  return new Decimal(row.charges).plus(row.credits).plus(row.tax).toFixed();
}
