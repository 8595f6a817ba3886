import { hasPermission } from '../api-types';
import { ErrorMessage, Loading } from '../components/status';
import { useUrlState } from '../url-state';
import { InvoiceReconciliation } from './allocation-invoices';
import { useCostMonths } from './allocation-months';
import { RulePreview } from './allocation-preview';
import { DataQuality } from './allocation-quality';
import { TeamStatements } from './allocation-statements';
import { RuleVersions } from './allocation-versions';
import type { ViewProps } from './view-props';

/** Tabs and the permission each needs (the API enforces the same). */
const TABS = [
  { id: 'statements', label: 'Team statements', permission: 'costs:read' },
  { id: 'quality', label: 'Data quality', permission: 'sources:read' },
  { id: 'versions', label: 'Rule set versions', permission: 'sources:read' },
  { id: 'preview', label: 'Preview a rule change', permission: 'sources:read' },
  { id: 'invoices', label: 'Invoices', permission: 'costs:read' },
] as const;

/**
 * Allocation for a FinOps lead: who pays for what. Team statements are for every role; rule
 * sets, their impact and the data quality are for the roles that may read the sources.
 */
export function AllocationView({ me }: ViewProps) {
  const tabs = TABS.filter((tab) => hasPermission(me, tab.permission));
  const [tabId, setTab] = useUrlState('tab', tabs[0]?.id ?? 'statements');
  const tab = tabs.find((candidate) => candidate.id === tabId) ?? tabs[0];
  const months = useCostMonths();
  return (
    <section aria-label="Allocation">
      <div className="view-header">
        <h1>Allocation</h1>
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
      {tabs.length < TABS.length ? (
        <p className="muted">
          Your role ({me.role}) sees team statements; rule sets and data quality are for analysts, owners and
          admins.
        </p>
      ) : null}
      {months.status === 'loading' ? <Loading what="Finding the months with data" /> : null}
      {months.status === 'error' ? (
        <ErrorMessage error={months.error} title="Could not read the months" />
      ) : null}
      {months.status === 'ready' ? (
        tab?.id === 'quality' ? (
          <DataQuality months={months.data} />
        ) : tab?.id === 'versions' ? (
          <RuleVersions />
        ) : tab?.id === 'invoices' ? (
          <InvoiceReconciliation me={me} months={months.data} />
        ) : tab?.id === 'preview' ? (
          <RulePreview me={me} months={months.data} />
        ) : (
          <TeamStatements months={months.data} />
        )
      ) : null}
    </section>
  );
}
