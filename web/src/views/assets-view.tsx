import { hasPermission } from '../api-types';
import { useCostRange } from '../cost-range';
import { useUrlState } from '../url-state';
import { AssetContracts } from './assets-contracts';
import { AssetLicences } from './assets-licences';
import { AssetReconciliation } from './assets-reconciliation';
import { AssetRegister } from './assets-register';
import type { ViewProps } from './view-props';

/** Tabs and the permission each needs (the API enforces the same). */
const TABS = [
  { id: 'register', label: 'Register and depreciation', permission: 'costs:read' },
  { id: 'reconciliation', label: 'Reconciliation', permission: 'costs:detail' },
  { id: 'licences', label: 'Licences', permission: 'costs:read' },
  { id: 'contracts', label: 'Contracts and renewals', permission: 'costs:read' },
] as const;

/**
 * What IT owns and has signed: the asset register with each asset's depreciation schedule, the
 * register against what billing saw, licences against who holds them, and vendor contracts
 * with their notice deadlines. "Today" is the last day with cost data (the demo lies in the
 * past), which the reader can change.
 */
export function AssetsView({ me }: ViewProps) {
  const tabs = TABS.filter((tab) => hasPermission(me, tab.permission));
  const [tabId, setTab] = useUrlState('tab', tabs[0]?.id ?? 'register');
  const tab = tabs.find((candidate) => candidate.id === tabId) ?? tabs[0];
  const range = useCostRange();
  const lastDay = range.status === 'ready' ? Object.values(range.data.lastDay).sort().at(-1) : undefined;
  const [asOf, setAsOf] = useUrlState('asOf', lastDay ?? new Date().toISOString().slice(0, 10));
  return (
    <section aria-label="Assets and contracts">
      <div className="view-header">
        <h1>Assets and contracts</h1>
        <div className="segmented" role="tablist" aria-label="Part">
          {tabs.map((item) => (
            <button
              key={item.id}
              type="button"
              role="tab"
              aria-selected={tab?.id === item.id}
              onClick={() => setTab(item.id)}
            >
              {item.label}
            </button>
          ))}
        </div>
      </div>
      <div className="controls card">
        <label>
          As of (day)
          <input
            name="asOf"
            type="date"
            value={asOf}
            onChange={(event) => {
              if (event.target.value) setAsOf(event.target.value);
            }}
          />
        </label>
        <span className="muted">Book values at the end of its month; renewals counted from it.</span>
      </div>
      {tab?.id === 'reconciliation' ? (
        <AssetReconciliation />
      ) : tab?.id === 'licences' ? (
        <AssetLicences />
      ) : tab?.id === 'contracts' ? (
        <AssetContracts asOf={asOf} />
      ) : (
        <AssetRegister asOf={asOf} />
      )}
    </section>
  );
}
