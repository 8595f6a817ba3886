import { useState } from 'react';
import { ApiError } from '../api-client';
import { hasPermission, type InvoiceReconciliationAnswer, type InvoiceRow, type Me } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { sendChange } from '../query-client';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import { countByStatus, localTime, STATUS_TEXT, totalsByAccount } from './invoice-model';

/**
 * Invoices beside the statements: per provider and account, what the lines billed against
 * what the invoice says, the difference and where each invoice stands for the period's close
 * (matched, within tolerance, accepted with a reason, open). Finance can accept an open
 * difference here with a reason; the server records who and when.
 */
export function InvoiceReconciliation({ me, months }: { me: Me; months: string[] }) {
  const [period, setPeriod] = useUrlState('period', months[0] ?? '');
  const answer = useApi<InvoiceReconciliationAnswer>(period ? '/api/v1/invoices/reconciliation' : null, {
    query: { period },
  });
  const canAccept = hasPermission(me, 'allocation:run');
  return (
    <div className="grid">
      <form
        className="controls card span-12"
        aria-label="Invoices of"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Month
          <select name="period" value={period} onChange={(event) => setPeriod(event.target.value)}>
            {months.map((month) => (
              <option key={month} value={month}>
                {month}
              </option>
            ))}
          </select>
        </label>
      </form>
      {answer.status === 'loading' && period ? (
        <div className="span-12">
          <Loading what="Reconciling the invoices" />
        </div>
      ) : null}
      {answer.status === 'error' ? (
        <div className="span-12">
          {answer.error.code === 'INVOICES_NONE' ? (
            <Empty>
              No invoices are loaded for {period}, so there is nothing to reconcile: load them with tollgate
              invoices load FILE or POST /api/v1/invoices.
            </Empty>
          ) : (
            <ErrorMessage error={answer.error} title="Could not reconcile the invoices" />
          )}
        </div>
      ) : null}
      {answer.status === 'ready' ? (
        <>
          <div className="card span-12" data-testid="invoice-summary">
            <p>
              {answer.data.settled
                ? `Every invoice of ${answer.data.period} is matched, within tolerance or accepted: the period may close.`
                : `${answer.data.period} cannot close yet: an invoice differs beyond its tolerance and nobody accepted it.`}
            </p>
            <p>
              {countByStatus(answer.data.invoices).map((entry) => (
                <span key={entry.status}>
                  <span className={`pill ${STATUS_TEXT[entry.status].pill}`}>
                    {STATUS_TEXT[entry.status].label}
                  </span>{' '}
                  {entry.count}{' '}
                </span>
              ))}
            </p>
          </div>
          <div className="card span-12">
            <h2>By provider and account</h2>
            <DataTable
              fileName={`invoice-accounts-${answer.data.period}.csv`}
              testId="invoice-accounts"
              rows={totalsByAccount(answer.data.invoices)}
              columns={[
                { key: 'provider', label: 'Provider', value: (row) => row.provider ?? 'no lines' },
                { key: 'account', label: 'Account', value: (row) => row.account },
                {
                  key: 'billed',
                  label: 'Billed (lines)',
                  kind: 'money',
                  value: (row) => row.billed,
                  render: (row) => <Money amount={row.billed} currency={row.currency} />,
                },
                {
                  key: 'invoiced',
                  label: 'Invoiced',
                  kind: 'money',
                  value: (row) => row.invoiced,
                  render: (row) => <Money amount={row.invoiced} currency={row.currency} />,
                },
                {
                  key: 'difference',
                  label: 'Difference',
                  kind: 'money',
                  value: (row) => row.difference,
                  render: (row) => <Money amount={row.difference} currency={row.currency} />,
                },
                { key: 'open', label: 'Open invoices', kind: 'number', value: (row) => String(row.open) },
              ]}
            />
          </div>
          <div className="card span-12">
            <h2>Invoices</h2>
            <DataTable
              fileName={`invoices-${answer.data.period}.csv`}
              testId="invoice-table"
              rows={answer.data.invoices}
              columns={invoiceColumns()}
            />
          </div>
          {canAccept && answer.data.invoices.some((invoice) => invoice.status === 'open') ? (
            <AcceptForm invoices={answer.data.invoices.filter((invoice) => invoice.status === 'open')} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function invoiceColumns() {
  const money = (key: 'linesTotal' | 'invoiceTotal' | 'difference' | 'allowed', label: string) => ({
    key,
    label,
    kind: 'money' as const,
    value: (row: InvoiceRow) => row[key],
    render: (row: InvoiceRow) => <Money amount={row[key]} currency={row.currency} />,
  });
  return [
    { key: 'invoiceId', label: 'Invoice', value: (row: InvoiceRow) => row.invoiceId },
    { key: 'provider', label: 'Provider', value: (row: InvoiceRow) => row.providerName ?? 'no lines' },
    { key: 'account', label: 'Account', value: (row: InvoiceRow) => row.billingAccountId },
    money('linesTotal', 'Billed (lines)'),
    money('invoiceTotal', 'Invoiced'),
    money('difference', 'Difference'),
    money('allowed', 'Tolerance'),
    {
      key: 'explained',
      label: 'Why',
      value: (row: InvoiceRow) => row.explained.map((part) => `${part.category} ${part.amount}`).join('; '),
    },
    {
      key: 'status',
      label: 'Status',
      value: (row: InvoiceRow) => STATUS_TEXT[row.status].label,
      render: (row: InvoiceRow) => (
        <span className={`pill ${STATUS_TEXT[row.status].pill}`}>{STATUS_TEXT[row.status].label}</span>
      ),
    },
    {
      key: 'acceptance',
      label: 'Accepted',
      value: (row: InvoiceRow) =>
        row.acceptance
          ? `${row.acceptance.difference} by ${row.acceptance.acceptedBy} at ${row.acceptance.acceptedAt}: ${row.acceptance.reason}`
          : null,
      render: (row: InvoiceRow) =>
        row.acceptance ? (
          <span>
            <Money amount={row.acceptance.difference} currency={row.currency} /> by{' '}
            {row.acceptance.acceptedBy},{' '}
            <time dateTime={row.acceptance.acceptedAt}>{localTime(row.acceptance.acceptedAt)}</time>:{' '}
            {row.acceptance.reason}
          </span>
        ) : (
          '–'
        ),
    },
  ];
}

function AcceptForm({ invoices }: { invoices: InvoiceRow[] }) {
  const [invoiceId, setInvoiceId] = useState(invoices[0]?.invoiceId ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      className="card span-12 controls"
      aria-label="Accept a difference"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setFailure(null);
        setDone(null);
        try {
          await sendChange(`/api/v1/invoices/${encodeURIComponent(invoiceId)}/accept`, {
            method: 'POST',
            body: { reason },
          });
          setDone(`The difference of ${invoiceId} is accepted.`);
          setReason('');
        } catch (error) {
          setFailure(error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR', String(error)));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>Accept a difference</h2>
      <label>
        Invoice
        <select name="invoice" value={invoiceId} onChange={(event) => setInvoiceId(event.target.value)}>
          {invoices.map((invoice) => (
            <option key={invoice.invoiceId} value={invoice.invoiceId}>
              {invoice.invoiceId} ({invoice.currency} {invoice.difference})
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason
        <input
          name="reason"
          value={reason}
          required
          maxLength={1000}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        Accept with this reason
      </button>
      {done ? <p role="status">{done}</p> : null}
      {failure ? <ErrorMessage error={failure} title="The difference was not accepted" /> : null}
    </form>
  );
}
