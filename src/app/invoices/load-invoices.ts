import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { TollgateError } from '../../core/errors.js';
import { checkInvoiceRows, INVOICE_COLUMNS } from '../../core/invoices/check-invoice-rows.js';
import type { Invoice } from '../../core/invoices/invoice-model.js';
import type { Stores } from '../../ports/stores.js';
import { invalidFileError } from '../allocation/read-yaml-sources.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Loads a plain invoice CSV (invoice_id, account, period, currency, amount, tax) in one
 * audited transaction: invoices with the same id are replaced. The file engine (DuckDB)
 * reads the CSV as text; any bad row refuses the whole file and changes nothing.
 */
export async function loadInvoices(
  stores: Stores,
  actor: Actor,
  localPath: string,
  /** How messages and the audit log name the file (an upload's own name, not where it was spooled). */
  shownAs?: string,
): Promise<{ path: string; invoices: Invoice[] }> {
  const file = shownAs ?? localPath;
  const path = resolve(localPath);
  const source = shownAs ?? path;
  if (!existsSync(path)) {
    throw new TollgateError(
      'INVOICES_NO_FILE',
      `${file} does not exist; give the path of an invoice CSV.`,
      'not-found',
    );
  }
  let rows: Record<string, string | null>[];
  try {
    rows = await stores.fileEngine.all<Record<string, string | null>>(
      `SELECT * FROM read_csv(${quoteLiteral(path)}, header = true, all_varchar = true)`,
    );
  } catch (error) {
    throw new TollgateError(
      'INVOICES_UNREADABLE',
      `${file} could not be read as CSV (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); write a header line ${INVOICE_COLUMNS.join(',')} and one invoice per line.`,
      'invalid-input',
    );
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const absent = INVOICE_COLUMNS.filter((name) => !header.includes(name));
  if (rows.length === 0 || absent.length > 0) {
    throw new TollgateError(
      'INVOICES_INVALID',
      `${file} ${rows.length === 0 ? 'has no invoices' : `lacks the column(s) ${absent.join(', ')}`}; nothing was changed. Write a header line ${INVOICE_COLUMNS.join(',')} and one invoice per line.`,
      'invalid-input',
    );
  }
  const { invoices, problems } = checkInvoiceRows(rows);
  if (problems.length > 0)
    throw invalidFileError(
      'INVOICES_INVALID',
      `The invoice file ${file}`,
      problems.map((problem) => ({ file, ...problem })),
    );
  await stores.transaction(async () => {
    await stores.invoices.replaceInvoices(invoices, source);
    await recordAudit(stores, actor, {
      action: 'invoices.load',
      target: source,
      after: { invoices: invoices.map((invoice) => invoice.invoiceId) },
    });
  });
  return { path: source, invoices };
}
