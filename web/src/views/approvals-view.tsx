import { useEffect, useMemo, useState } from 'react';
import type { Approval, ApproverRolesAnswer, CatalogAnswer, Change, ChangeDetail, Me } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { apiQuery, queryClient } from '../query-client';
import { formatLocalTime } from '../time-text';
import { useUrlState } from '../url-state';
import { combineStates, useApi } from '../use-api';
import { ChangeDetailPanel } from './approvals-detail';
import { QueueControls, useQueueFilter } from './approvals-queue-controls';
import { filterQueue } from './approvals-queue-filter';
import { inScope, myDecisions, newestFirst, servicesInScope } from './approvals-scope';
import { useEstimateCurrency } from './use-estimate-currency';
import type { ViewProps } from './view-props';

/** How many of the newest changes the "decided by me" tab reads (one request each). */
const DECIDED_SCAN = 100;

/**
 * The approvals inbox: open changes of my services that still wait for a decision, each with
 * the gate's reasons, its cost-benefit case and budget impact; and my earlier decisions.
 */
export function ApprovalsView({ me }: ViewProps) {
  const [tabInUrl, setTab] = useUrlState('tab', 'waiting');
  // Only roles that decide have earlier decisions to list.
  const tab = me.permissions.includes('approvals:decide') ? tabInUrl : 'waiting';
  const [selected, setSelected] = useUrlState('change', '');
  const [reload, setReload] = useState(0);
  const catalog = useApi<CatalogAnswer>('/api/v1/catalog');
  // A decision sent through sendChange marks this list stale, so it is read again.
  const changes = useApi<Change[]>('/api/v1/changes');
  const both = combineStates(catalog, changes);

  return (
    <section aria-label="Approvals inbox">
      <div className="view-header">
        <h1>Approvals</h1>
        <div className="segmented" role="tablist" aria-label="Which changes">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'waiting'}
            onClick={() => setTab('waiting')}
          >
            Waiting
          </button>
          {me.permissions.includes('approvals:decide') ? (
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'decided'}
              onClick={() => setTab('decided')}
            >
              Decided by me
            </button>
          ) : null}
        </div>
      </div>
      {me.permissions.includes('approvals:decide') ? null : (
        <p className="muted" data-testid="read-only-note">
          Your role ({me.role}) sees the changes waiting for approvers but cannot approve or reject them.
        </p>
      )}
      {both.status === 'loading' ? <Loading what="Reading the changes" /> : null}
      {both.status === 'error' ? (
        <ErrorMessage error={both.error} title="Could not read the changes" />
      ) : null}
      {both.status === 'ready' ? (
        <div className="grid">
          <div className={selected ? 'span-6 split-list' : 'span-12'} data-testid="changes-list">
            {tab === 'decided' ? (
              <DecidedList me={me} catalog={both.data[0]} changes={both.data[1]} onSelect={setSelected} />
            ) : (
              <WaitingList me={me} catalog={both.data[0]} changes={both.data[1]} onSelect={setSelected} />
            )}
          </div>
          {selected ? (
            <div className="span-6 split-detail">
              <ChangeDetailPanel
                key={`${selected}:${reload}`}
                me={me}
                changeId={selected}
                catalog={both.data[0]}
                onClose={() => setSelected('')}
                onDecided={() => setReload((value) => value + 1)}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function serviceName(catalog: CatalogAnswer, id: string): string {
  return catalog.catalog.services.find((service) => service.id === id)?.name ?? id;
}

function WaitingList({
  me,
  catalog,
  changes,
  onSelect,
}: {
  me: Me;
  catalog: CatalogAnswer;
  changes: Change[];
  onSelect: (id: string) => void;
}) {
  const scope = useMemo(() => servicesInScope(me, catalog), [me, catalog]);
  const canDecide = me.permissions.includes('approvals:decide');
  const rolesAnswer = useApi<ApproverRolesAnswer>(canDecide ? '/api/v1/me/approver-roles' : null);
  const held = rolesAnswer.status === 'ready' ? rolesAnswer.data.roles : [];
  const [filter, setFilter] = useQueueFilter();
  const currencyOf = useEstimateCurrency();
  const waiting = useMemo(
    () =>
      changes
        .filter(
          (change) => change.status === 'open' && inScope(scope, change) && change.requestedBy !== me.name,
        )
        .sort(newestFirst),
    [changes, scope, me.name],
  );
  const shown = useMemo(
    () => filterQueue(waiting, filter, held, (id) => serviceName(catalog, id)),
    [waiting, filter, held, catalog],
  );
  if (waiting.length === 0)
    return (
      <Empty>
        Nothing is waiting{scope ? ` for the teams you answer for (${me.scopes.join(', ') || 'none'})` : ''}.
        Open changes appear here until they are deployed or rejected.
      </Empty>
    );
  return (
    <div className="card">
      <h2>
        Waiting for a decision{' '}
        <span className="unit-label">
          {scope ? `services of ${me.scopes.join(', ')}` : 'all services'} · newest first · open one (click,
          or Enter) to decide
        </span>
      </h2>
      <QueueControls
        filter={filter}
        set={setFilter}
        changes={waiting}
        catalog={catalog}
        canDecide={canDecide}
      />
      {shown.length === 0 ? (
        <Empty>
          None of the {waiting.length} waiting changes matches this filter. Clear a condition to see more.
        </Empty>
      ) : null}
      <DataTable
        testId="waiting-changes"
        fileName="changes-waiting"
        rows={shown}
        onRowClick={(change) => onSelect(change.id)}
        rowLabel={(change) => `Open ${change.id}`}
        columns={[
          { key: 'id', label: 'Change', value: (c) => c.id },
          { key: 'service', label: 'Service', value: (c) => serviceName(catalog, c.service) },
          { key: 'environment', label: 'Env', value: (c) => c.environment },
          { key: 'type', label: 'Type', value: (c) => c.changeType },
          { key: 'release', label: 'Release', value: (c) => c.releaseId ?? null },
          {
            key: 'estimate',
            label: 'Estimate',
            kind: 'money',
            value: (c) => c.estimatedCost,
            render: (c) => {
              const currency = currencyOf(c);
              // Until its currency is known an amount is not shown bare (nor in a guessed currency).
              return currency === undefined ? (
                <span className="muted">…</span>
              ) : (
                <Money amount={c.estimatedCost} currency={currency} />
              );
            },
          },
          { key: 'requestedBy', label: 'Requested by', value: (c) => c.requestedBy },
          {
            key: 'ready',
            label: 'Ready since',
            value: (c) => c.readyAt,
            render: (c) => formatLocalTime(c.readyAt),
          },
        ]}
      />
    </div>
  );
}

/**
 * My earlier decisions. The API lists changes without their approvals, so the newest
 * DECIDED_SCAN changes of my services are read one by one and those I decided are kept.
 */
function DecidedList({
  me,
  catalog,
  changes,
  onSelect,
}: {
  me: Me;
  catalog: CatalogAnswer;
  changes: Change[];
  onSelect: (id: string) => void;
}) {
  const scope = useMemo(() => servicesInScope(me, catalog), [me, catalog]);
  const candidates = useMemo(
    () =>
      changes
        .filter((change) => inScope(scope, change))
        .sort(newestFirst)
        .slice(0, DECIDED_SCAN),
    [changes, scope],
  );
  const [found, setFound] = useState<{ change: Change; mine: Approval[] }[] | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setFound(null);
    setFailure(null);
    (async () => {
      const rows: { change: Change; mine: Approval[] }[] = [];
      // Eight at a time: quick on the demo, gentle on a busy server.
      for (let start = 0; start < candidates.length; start += 8) {
        const batch = candidates.slice(start, start + 8);
        const details = await Promise.all(
          batch.map((change) =>
            queryClient.fetchQuery(
              apiQuery<ChangeDetail>(`/api/v1/changes/${encodeURIComponent(change.id)}`),
            ),
          ),
        );
        for (const detail of details) {
          const mine = myDecisions(detail.approvals, me);
          if (mine.length > 0) rows.push({ change: detail.change, mine });
        }
      }
      if (!controller.signal.aborted) setFound(rows);
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setFailure(error instanceof Error ? error : new Error(String(error)));
    });
    return () => controller.abort();
  }, [candidates, me]);

  if (failure) return <ErrorMessage error={failure} title="Could not read your decisions" />;
  if (!found) return <Loading what={`Reading the newest ${candidates.length} changes`} />;
  if (found.length === 0)
    return (
      <Empty>
        You have not decided on any of the newest {candidates.length} changes
        {scope ? ' of your services' : ''}.
      </Empty>
    );
  return (
    <div className="card">
      <h2>
        Decided by me <span className="unit-label">among the newest {candidates.length} changes</span>
      </h2>
      <DataTable
        testId="decided-changes"
        fileName="changes-decided-by-me"
        rows={found.flatMap((row) => row.mine.map((approval) => ({ change: row.change, approval })))}
        onRowClick={(row) => onSelect(row.change.id)}
        columns={[
          { key: 'id', label: 'Change', value: (r) => r.change.id },
          { key: 'service', label: 'Service', value: (r) => serviceName(catalog, r.change.service) },
          { key: 'decision', label: 'Decision', value: (r) => r.approval.decision },
          { key: 'kind', label: 'Kind', value: (r) => r.approval.kind },
          { key: 'role', label: 'As', value: (r) => r.approval.role },
          { key: 'comment', label: 'Comment', value: (r) => r.approval.comment ?? null },
          {
            key: 'at',
            label: 'When',
            value: (r) => r.approval.at,
            render: (r) => formatLocalTime(r.approval.at),
          },
          { key: 'status', label: 'Change now', value: (r) => r.change.status },
        ]}
      />
    </div>
  );
}
