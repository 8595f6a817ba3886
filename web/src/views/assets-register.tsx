import type { ApiAnswer } from '../api-types';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';

type AssetList = ApiAnswer<'listAssets'>;
type AssetRow = AssetList['assets'][number];
type AssetDetail = ApiAnswer<'getAsset'>;
type ScheduleMonth = AssetDetail['schedule'][number];

/** The register valued at the end of the as-of month; an asset's id opens its depreciation schedule. */
export function AssetRegister({ asOf }: { asOf: string }) {
  const month = asOf.slice(0, 7);
  const [selected, setSelected] = useUrlState('asset', '');
  const state = useApi<AssetList>('/api/v1/assets', { query: { asOf: month } });
  if (state.status === 'loading') return <Loading what="Reading the asset register" />;
  if (state.status === 'error')
    return <ErrorMessage error={state.error} title="Could not read the register" />;
  if (state.data.assets.length === 0)
    return <Empty>The register is empty. Load assets with tollgate assets load &lt;file&gt;.</Empty>;
  const columns: Column<AssetRow>[] = [
    {
      key: 'id',
      label: 'Asset',
      value: (row) => row.id,
      render: (row) => (
        <button
          type="button"
          className="cell-link"
          aria-pressed={row.id === selected}
          onClick={() => setSelected(row.id)}
        >
          {row.id}
        </button>
      ),
    },
    { key: 'class', label: 'Class', value: (row) => row.assetClass },
    { key: 'team', label: 'Team', value: (row) => row.ownerTeam },
    { key: 'status', label: 'Status', value: (row) => row.status },
    {
      key: 'cost',
      label: 'Cost',
      kind: 'money',
      value: (row) => row.acquisitionCost,
      render: (row) => <Money amount={row.acquisitionCost} currency={row.currency} />,
    },
    {
      key: 'book',
      label: `Book value ${month}`,
      kind: 'money',
      value: (row) => row.bookValue,
      render: (row) => <Money amount={row.bookValue} currency={row.currency} />,
    },
    {
      key: 'charged',
      label: `Charged in ${month}`,
      kind: 'money',
      value: (row) => row.chargedInMonth,
      render: (row) => <Money amount={row.chargedInMonth} currency={row.currency} />,
    },
  ];
  return (
    <>
      <DataTable
        columns={columns}
        rows={state.data.assets}
        fileName={`asset-register-${month}.csv`}
        caption={`The asset register at the end of ${month}; choose an asset for its depreciation schedule`}
        testId="asset-register"
        rowLimit={50}
      />
      {selected ? <DepreciationSchedule id={selected} /> : null}
    </>
  );
}

function DepreciationSchedule({ id }: { id: string }) {
  const state = useApi<AssetDetail>(`/api/v1/assets/${encodeURIComponent(id)}`);
  if (state.status === 'loading') return <Loading what={`Reading ${id}`} />;
  if (state.status === 'error') return <ErrorMessage error={state.error} title={`Could not read ${id}`} />;
  const { asset, schedule } = state.data;
  const columns: Column<ScheduleMonth>[] = [
    { key: 'month', label: 'Month', value: (row) => row.month },
    ...(['depreciation', 'impairment', 'writeOff', 'bookValue'] as const).map((key) => ({
      key,
      label: {
        depreciation: 'Depreciation',
        impairment: 'Impairment',
        writeOff: 'Write-off',
        bookValue: 'Book value',
      }[key],
      kind: 'money' as const,
      value: (row: ScheduleMonth) => row[key],
      render: (row: ScheduleMonth) => <Money amount={row[key]} currency={asset.currency} />,
    })),
  ];
  return (
    <section
      className="card"
      aria-label={`Depreciation schedule of ${id}`}
      data-testid="depreciation-schedule"
    >
      <h2>
        {id}: {asset.method}, {asset.usefulLifeMonths} months ({asset.convention})
      </h2>
      {schedule.length === 0 ? (
        <Empty>No schedule: the asset is not in service yet.</Empty>
      ) : (
        <DataTable columns={columns} rows={schedule} fileName={`depreciation-${id}.csv`} rowLimit={24} />
      )}
    </section>
  );
}
