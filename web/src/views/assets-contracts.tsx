import { useState } from 'react';
import type { ApiAnswer } from '../api-types';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { combineStates, useApi } from '../use-api';

type Renewals = ApiAnswer<'getContractRenewals'>;
type ContractRow = ApiAnswer<'listContracts'>[number];

const WINDOWS = ['30', '90', '180', '365'];

/** Notice deadlines coming up (or passed while the term runs), then every contract's spend and credits. */
export function AssetContracts({ asOf }: { asOf: string }) {
  const [within, setWithin] = useState('90');
  const renewals = useApi<Renewals>('/api/v1/contracts/renewals', { query: { asOf, within } });
  const contracts = useApi<ContractRow[]>('/api/v1/contracts');
  const both = combineStates(renewals, contracts);
  if (both.status === 'loading') return <Loading what="Reading the contracts" />;
  if (both.status === 'error')
    return <ErrorMessage error={both.error} title="Could not read the contracts" />;
  const [answer, rows] = both.data;
  if (rows.length === 0)
    return <Empty>No vendor contracts. Load them with tollgate contracts load &lt;file&gt;.</Empty>;
  const noBills = <span className="muted">no bills</span>;
  const columns: Column<ContractRow>[] = [
    { key: 'id', label: 'Contract', value: (row) => row.id },
    { key: 'vendor', label: 'Vendor', value: (row) => row.vendor },
    { key: 'team', label: 'Team', value: (row) => row.ownerTeam },
    { key: 'ends', label: 'Ends', value: (row) => row.endsOn },
    { key: 'notice', label: 'Notice by', value: (row) => row.noticeBy },
    {
      key: 'committed',
      label: 'Committed',
      kind: 'money',
      value: (row) => row.committedSpend,
      render: (row) =>
        row.committedSpend === null ? (
          <span className="muted">none</span>
        ) : (
          <Money amount={row.committedSpend} currency={row.currency} />
        ),
    },
    {
      key: 'actual',
      label: 'Billed in term',
      kind: 'money',
      value: (row) => row.actualSpend,
      render: (row) =>
        row.actualSpend === null ? noBills : <Money amount={row.actualSpend} currency={row.currency} />,
    },
    {
      key: 'owed',
      label: 'SLA credit owed',
      kind: 'money',
      value: (row) => row.creditOwed,
      render: (row) => <Money amount={row.creditOwed} currency={row.currency} />,
    },
    {
      key: 'received',
      label: 'Credit received',
      kind: 'money',
      value: (row) => row.creditReceived,
      render: (row) => <Money amount={row.creditReceived} currency={row.currency} />,
    },
  ];
  return (
    <>
      <section className="card" aria-label="Renewals" data-testid="renewals">
        <h2>Notice deadlines</h2>
        <label>
          Within
          <select name="within" value={within} onChange={(event) => setWithin(event.target.value)}>
            {WINDOWS.map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </select>
        </label>
        {answer.notices.length === 0 ? (
          <Empty>
            No notice falls due within {answer.within} days of {answer.asOf}.
          </Empty>
        ) : (
          <ul className="plain" data-testid="renewal-list">
            {answer.notices.map((notice) => (
              <li key={notice.contractId} data-testid="renewal-item">
                <strong>{notice.contractId}</strong> with {notice.vendor} ({notice.ownerTeam}):{' '}
                {notice.status === 'notice-due'
                  ? `give notice by ${notice.noticeBy}, ${notice.daysToNotice} days from ${answer.asOf}`
                  : `the notice deadline ${notice.noticeBy} has passed`}
                ; it {notice.autoRenews ? 'renews' : 'lapses'} on {notice.renewsOn}.
              </li>
            ))}
          </ul>
        )}
      </section>
      <DataTable
        columns={columns}
        rows={rows}
        fileName="vendor-contracts.csv"
        caption="Vendor contracts: commitment against the bills, SLA credits"
        testId="contract-table"
      />
    </>
  );
}
