import type { ApiAnswer } from '../api-types';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useApi } from '../use-api';
import { AssetLicenceTrend } from './assets-licence-trend';

type LicenceRow = ApiAnswer<'listLicences'>[number];

const STATUS_TEXT: Record<LicenceRow['status'], string> = {
  compliant: 'Compliant',
  shortfall: 'Shortfall (true-up due)',
  shelfware: 'Shelfware',
  'no-usage': 'No usage loaded',
};

/** Units held against units paid for: a shortfall is a compliance risk, shelfware is money spent on nothing. */
export function AssetLicences() {
  const state = useApi<LicenceRow[]>('/api/v1/licences');
  if (state.status === 'loading') return <Loading what="Reading the licences" />;
  if (state.status === 'error')
    return <ErrorMessage error={state.error} title="Could not read the licences" />;
  if (state.data.length === 0)
    return <Empty>No licences. Load them with tollgate licences load &lt;file&gt;.</Empty>;
  const unknown = (text: string) => <span className="muted">{text}</span>;
  const columns: Column<LicenceRow>[] = [
    { key: 'licence', label: 'Licence', value: (row) => row.licenceId },
    { key: 'product', label: 'Product', value: (row) => row.product },
    { key: 'contract', label: 'Contract', value: (row) => row.contractId },
    { key: 'metric', label: 'Metric', value: (row) => row.metric },
    { key: 'entitled', label: 'Entitled', kind: 'number', value: (row) => String(row.entitled) },
    {
      key: 'used',
      label: 'Held',
      kind: 'number',
      value: (row) => (row.used === null ? null : String(row.used)),
      render: (row) => (row.used === null ? unknown('no usage') : String(row.used)),
    },
    { key: 'status', label: 'Status', value: (row) => STATUS_TEXT[row.status] },
    {
      key: 'asOf',
      label: 'Usage as of',
      value: (row) => row.usageAsOf,
      render: (row) => row.usageAsOf ?? unknown('no usage'),
    },
    {
      key: 'shortfall',
      label: 'Shortfall cost',
      kind: 'money',
      value: (row) => row.shortfallCost,
      render: (row) =>
        row.shortfallCost === null ? (
          unknown('unknown')
        ) : (
          <Money amount={row.shortfallCost} currency={row.currency} />
        ),
    },
    {
      key: 'shelfware',
      label: 'Shelfware cost',
      kind: 'money',
      value: (row) => row.shelfwareCost,
      render: (row) =>
        row.shelfwareCost === null ? (
          unknown('unknown')
        ) : (
          <Money amount={row.shelfwareCost} currency={row.currency} />
        ),
    },
    {
      key: 'price',
      label: 'Term price',
      kind: 'money',
      value: (row) => row.price,
      render: (row) => <Money amount={row.price} currency={row.currency} />,
    },
  ];
  const newest = state.data.reduce<string | null>(
    (latest, row) =>
      row.usageAsOf !== null && (latest === null || row.usageAsOf > latest) ? row.usageAsOf : latest,
    null,
  );
  return (
    <>
      <DataTable
        columns={columns}
        rows={state.data}
        fileName="licences.csv"
        caption="Licences against who holds them"
        testId="licence-table"
      />
      {newest === null ? (
        <Empty>No licence usage is loaded, so there is nothing to show over time.</Empty>
      ) : (
        <AssetLicenceTrend newestMonth={newest.slice(0, 7)} />
      )}
    </>
  );
}
