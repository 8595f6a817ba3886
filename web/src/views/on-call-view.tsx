import { useMemo, useState } from 'react';
import { fetchJson } from '../api-client';
import type { CostReport } from '../api-types';
import { hasPermission } from '../api-types';
import { Chart, type ChartOption } from '../components/chart';
import { CurrencySelect, useCurrencies } from '../components/cost-controls';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useDailyCosts } from '../cost-range';
import { addDays, useDataThrough } from '../data-through';
import type { AlertRecord, BudgetStatus, BudgetStatusesAnswer } from '../finance-types';
import { formatCompact, toChartNumber } from '../money-text';
import { useUrlState } from '../url-state';
import { type ApiState, useApi } from '../use-api';
import {
  alertFigures,
  type DeploymentRecord,
  deploymentsPerDay,
  measureBurnRates,
  topContributors,
} from './on-call-model';
import type { ViewProps } from './view-registry';

interface CalendarAnswer {
  at: string;
  environments: {
    environment: string;
    frozenBy: string[];
    windowOpen: boolean;
    unrestricted: boolean;
    nextOpening: string | null;
    breakGlass: string | null;
    mayDeploy: boolean;
  }[];
  freezes: {
    id: string;
    environment: string;
    cron: string | null;
    from: string | null;
    until: string | null;
    reason: string;
    activeNow: boolean;
  }[];
  windows: { environment: string; cron: string }[];
  breakGlass: {
    id: string;
    environment: string;
    service: string | null;
    by: string;
    reason: string;
    until: string;
    activeNow: boolean;
  }[];
}

const LOADING = { status: 'loading', data: undefined, error: undefined } as const;
/** The longest timeline offered: its days are asked for once, shorter ones cut from them. */
const MAX_TIMELINE_DAYS = 120;

const OUTCOME_COLOURS: Record<string, string> = {
  succeeded: '#3aa76d',
  failed: '#c0392b',
  rolled_back: '#e0822f',
};

/**
 * The on-call view: is any budget burning too fast, which alerts are open and why (expected
 * against actual, top contributors), which deployments landed while cost moved, and whether
 * deployments may go now (freezes, windows, break-glass).
 */
export function OnCallView({ me }: ViewProps) {
  const [currency, setCurrency] = useUrlState('currency', '');
  const [environment, setEnvironment] = useUrlState('env', 'prod');
  const [daysText, setDays] = useUrlState('days', '30');
  const days = Math.min(Math.max(Number(daysText) || 30, 7), MAX_TIMELINE_DAYS);
  const { state: currencyState, currencies } = useCurrencies();
  const through = useDataThrough(currency);
  const asOf = through.status === 'ready' ? through.data : null;
  const canReadBudgets = hasPermission(me, 'budgets:read');
  const canAcknowledge = hasPermission(me, 'budgets:write');
  const canReadGovernance = hasPermission(me, 'governance:read');
  const [refresh, setRefresh] = useState(0);

  // Every budget's status in one call (sent with the alerts, the timeline and the calendar).
  const statusAnswer = useApi<BudgetStatusesAnswer>(
    canReadBudgets && asOf ? '/api/v1/budgets/status' : null,
    {
      query: { asOf: asOf ?? undefined },
    },
  );
  const alerts = useApi<AlertRecord[]>(canReadBudgets ? '/api/v1/alerts' : null, { reload: refresh });
  const from = asOf ? addDays(asOf, -days) : '';
  // The longest timeline once (its last day included); shorter ones are cut from it.
  const dailyAll = useDailyCosts(
    'effective',
    currency,
    asOf ? addDays(asOf, -MAX_TIMELINE_DAYS) : null,
    asOf ? addDays(asOf, 1) : null,
  );
  const daily = useMemo<ApiState<CostReport>>(() => {
    if (dailyAll.status !== 'ready' || !asOf) return dailyAll.status === 'error' ? dailyAll : LOADING;
    const rows = dailyAll.data
      .filter((row) => row.day >= from && row.day <= asOf)
      .map((row) => ({ day: row.day, currency, cost: row.cost }));
    return { status: 'ready', data: { metric: 'effective', from, to: asOf, rows }, error: undefined };
  }, [dailyAll, asOf, currency, from]);
  // Only the timeline's days (a day more for deployments that ran past midnight), not the year.
  const deployments = useApi<DeploymentRecord[]>(canReadGovernance && asOf ? '/api/v1/deployments' : null, {
    query: { environment, from: asOf ? `${addDays(asOf, -(MAX_TIMELINE_DAYS + 1))}T00:00:00Z` : undefined },
  });
  // Live data is "in force now"; a past year (the demo) is shown as of its last day, at noon UTC.
  const calendarAt =
    asOf && Date.now() - Date.parse(`${asOf}T00:00:00Z`) > 3 * 86_400_000 ? `${asOf}T12:00:00Z` : undefined;
  const calendar = useApi<CalendarAnswer>(canReadGovernance && asOf ? '/api/v1/calendar' : null, {
    query: { at: calendarAt },
  });

  async function acknowledge(alert: AlertRecord) {
    await fetchJson(`/api/v1/alerts/${alert.id}/acknowledge`, { method: 'POST' });
    setRefresh((value) => value + 1);
  }

  return (
    <section aria-labelledby="on-call-title">
      <div className="view-header">
        <div>
          <h1 id="on-call-title">On-call</h1>
          <p className="muted">
            EffectiveCost in {currency || '…'}
            {asOf ? `, as of ${asOf}` : ''}; deployments to {environment}, last {days} days
          </p>
        </div>
        <div className="controls">
          <CurrencySelect value={currency} currencies={currencies} onChange={setCurrency} />
          <label>
            Environment
            <select name="env" value={environment} onChange={(event) => setEnvironment(event.target.value)}>
              {['prod', 'staging', 'production', 'dev'].map((env) => (
                <option key={env} value={env}>
                  {env}
                </option>
              ))}
            </select>
          </label>
          <label>
            Timeline
            <select name="days" value={String(days)} onChange={(event) => setDays(event.target.value)}>
              {[14, 30, 60, 90].map((count) => (
                <option key={count} value={count}>
                  {count} days
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {currencyState.status === 'error' ? <ErrorMessage error={currencyState.error} /> : null}
      {through.status === 'error' ? <ErrorMessage error={through.error} /> : null}

      <div className="grid">
        <div className="card span-12">
          <h2>Open alerts and anomalies</h2>
          <AlertList
            alerts={alerts}
            canRead={canReadBudgets}
            canAcknowledge={canAcknowledge}
            onAcknowledge={acknowledge}
          />
        </div>
        <div className="card span-12">
          <h2>Burn rates per budget {asOf ? <span className="unit-label">as of {asOf}</span> : null}</h2>
          <BurnTable statuses={statusAnswer} canRead={canReadBudgets} />
        </div>
        <div className="card span-8">
          <h2>
            Cost and deployments, day by day{' '}
            <span className="unit-label">
              EffectiveCost ({currency || '…'}) and {environment} deployments
            </span>
          </h2>
          <Timeline
            daily={daily}
            deployments={deployments}
            currency={currency}
            canSeeDeployments={canReadGovernance}
          />
        </div>
        <div className="card span-4">
          <h2>Freezes and windows in force</h2>
          <CalendarPanel calendar={calendar} canRead={canReadGovernance} />
        </div>
        <div className="card span-12">
          <h2>Recent {environment} deployments</h2>
          <RecentDeployments deployments={deployments} asOf={asOf} days={days} canRead={canReadGovernance} />
        </div>
      </div>
    </section>
  );
}

function AlertList({
  alerts,
  canRead,
  canAcknowledge,
  onAcknowledge,
}: {
  alerts: ApiState<AlertRecord[]>;
  canRead: boolean;
  canAcknowledge: boolean;
  onAcknowledge: (alert: AlertRecord) => Promise<void>;
}) {
  const [failure, setFailure] = useState<Error | null>(null);
  if (!canRead) return <Empty>Your role may not read budgets and alerts.</Empty>;
  if (alerts.status === 'loading') return <Loading />;
  if (alerts.status === 'error') return <ErrorMessage error={alerts.error} />;
  if (alerts.data.length === 0)
    return <Empty>No open alerts. Budgets are within their thresholds and burn rates.</Empty>;
  // Pages first, then anomalies and burn rates (something is happening) before thresholds.
  const kindRank = { anomaly: 0, 'burn-rate': 1, threshold: 2 } as const;
  const ordered = [...alerts.data].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'page' ? -1 : 1) ||
      kindRank[a.kind] - kindRank[b.kind] ||
      b.openedAt.localeCompare(a.openedAt),
  );
  const pages = ordered.filter((alert) => alert.severity === 'page').length;
  return (
    <>
      {failure ? <ErrorMessage error={failure} title="Could not acknowledge" /> : null}
      <p className="section-note" data-testid="alert-count">
        {ordered.length} open: {pages} page(s), {ordered.length - pages} ticket(s)
      </p>
      <ul className="plain alert-list" data-testid="alert-list">
        {ordered.map((alert) => {
          const figures = alertFigures(alert);
          const contributors = topContributors(alert);
          return (
            <li key={alert.id} className="alert-item" data-testid="alert-item">
              <div className="alert-head">
                <span className={`pill ${alert.severity === 'page' ? 'bad' : 'warn'}`}>{alert.severity}</span>{' '}
                <span className="pill">{alert.kind}</span> <strong>{alert.budget}</strong>{' '}
                <span className="muted">opened {alert.openedAt.slice(0, 16).replace('T', ' ')}</span>
                {alert.status === 'acknowledged' ? (
                  <span className="pill good">acknowledged by {alert.acknowledgedBy}</span>
                ) : canAcknowledge ? (
                  <button
                    type="button"
                    className="ack-button"
                    onClick={() => onAcknowledge(alert).catch((error: Error) => setFailure(error))}
                  >
                    Acknowledge
                  </button>
                ) : null}
              </div>
              <div>{alert.title}</div>
              {figures.actual !== null ? (
                <div className="alert-figures">
                  Actual <Money amount={figures.actual} currency={figures.currency} /> vs{' '}
                  {figures.expectedLabel} <Money amount={figures.expected} currency={figures.currency} />
                </div>
              ) : null}
              {contributors.length > 0 ? (
                <div className="muted">
                  Top contributors:{' '}
                  {contributors
                    .map((item) => `${item.dimension} ${item.value ?? '(none)'} ${item.change}`)
                    .join(' · ')}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

interface BurnRow {
  name: string;
  status: BudgetStatus;
  fast: string;
  slow: string;
  daysToExhaustion: string | null;
}

function BurnTable({ statuses, canRead }: { statuses: ApiState<BudgetStatusesAnswer>; canRead: boolean }) {
  const rows = useMemo<BurnRow[]>(
    () =>
      statuses.status === 'ready'
        ? statuses.data.budgets.flatMap(({ status }) =>
            status ? [{ name: status.budget, status, ...measureBurnRates(status) }] : [],
          )
        : [],
    [statuses],
  );
  if (!canRead) return <Empty>Your role may not read budgets.</Empty>;
  if (statuses.status === 'error') return <ErrorMessage error={statuses.error} />;
  if (statuses.status === 'loading') return <Loading />;
  if (statuses.data.budgets.length === 0)
    return <Empty>No budgets yet. Set one with tollgate budgets set, or apply a budgets.yaml.</Empty>;
  // A budget the server cannot measure (no data yet, another currency) says why, in its words.
  const unmeasured = statuses.data.budgets.filter((entry) => entry.error !== null);
  const tone = (value: string, warn: number, bad: number) =>
    Number(value) >= bad ? 'bad' : Number(value) >= warn ? 'warn' : undefined;
  const columns: Column<BurnRow>[] = [
    { key: 'name', label: 'Budget', value: (row) => row.name },
    { key: 'period', label: 'Period', value: (row) => row.status.period.label },
    {
      key: 'actual',
      label: 'Actual',
      kind: 'money',
      value: (row) => row.status.actual,
      render: (row) => <Money amount={row.status.actual} currency={row.status.currency} />,
    },
    {
      key: 'amount',
      label: 'Budget',
      kind: 'money',
      value: (row) => row.status.amount,
      render: (row) => <Money amount={row.status.amount} currency={row.status.currency} />,
    },
    {
      key: 'forecast',
      label: 'Forecast vs budget %',
      kind: 'number',
      value: (row) => (row.status.variancePercent === null ? null : String(row.status.variancePercent)),
      render: (row) =>
        row.status.variancePercent === null ? (
          '–'
        ) : (
          <span className={row.status.variancePercent > 0 ? 'bad' : 'good'}>
            {row.status.variancePercent > 0 ? '+' : ''}
            {row.status.variancePercent}%
          </span>
        ),
    },
    {
      key: 'fast',
      label: 'Fast burn (last day)',
      kind: 'number',
      value: (row) => row.fast,
      render: (row) => <span className={tone(row.fast, 1.2, 3)}>{row.fast}×</span>,
    },
    {
      key: 'slow',
      label: 'Slow burn (period)',
      kind: 'number',
      value: (row) => row.slow,
      render: (row) => <span className={tone(row.slow, 1.1, 1.2)}>{row.slow}×</span>,
    },
    {
      key: 'exhaustion',
      label: 'Days to exhaustion',
      kind: 'number',
      value: (row) => row.daysToExhaustion,
      render: (row) => row.daysToExhaustion ?? '–',
    },
    { key: 'left', label: 'Days left', kind: 'number', value: (row) => String(row.status.daysLeft) },
  ];
  return (
    <>
      <DataTable
        testId="burn-table"
        columns={columns}
        rows={rows}
        fileName="tollgate-burn-rates"
        initialSort={{ key: 'slow', descending: true }}
      />
      {unmeasured.length > 0 ? (
        <ul className="section-note" data-testid="burn-unmeasured">
          {unmeasured.map((entry) => (
            <li key={entry.name}>
              {entry.name}: {entry.error?.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Timeline({
  daily,
  deployments,
  currency,
  canSeeDeployments,
}: {
  daily: ApiState<CostReport>;
  deployments: ApiState<DeploymentRecord[]>;
  currency: string;
  canSeeDeployments: boolean;
}) {
  if (daily.status === 'loading') return <Loading />;
  if (daily.status === 'error') return <ErrorMessage error={daily.error} />;
  const points = [...daily.data.rows]
    .map((row) => ({ day: (row.day ?? '').slice(0, 10), cost: toChartNumber(row.cost) }))
    .sort((a, b) => a.day.localeCompare(b.day));
  if (points.length === 0) return <Empty>No spend in these days.</Empty>;
  const axis = points.map((point) => point.day);
  const perDay = deployments.status === 'ready' ? deploymentsPerDay(deployments.data, axis) : [];
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 48, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: axis },
    yAxis: [
      { type: 'value', name: currency, axisLabel: { formatter: (value: number) => formatCompact(value) } },
      { type: 'value', name: 'deployments', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      ...perDay.map((entry) => ({
        name: `${entry.outcome.replace('_', ' ')} deployments`,
        type: 'bar' as const,
        stack: 'deployments',
        yAxisIndex: 1,
        itemStyle: { color: OUTCOME_COLOURS[entry.outcome] ?? '#8c8c8c', opacity: 0.6 },
        data: entry.counts,
      })),
      {
        name: `EffectiveCost (${currency})`,
        type: 'line' as const,
        symbol: 'circle',
        symbolSize: 4,
        itemStyle: { color: '#2f6fdf' },
        data: points.map((point) => point.cost),
      },
    ],
  };
  return (
    <>
      <Chart
        option={option}
        label="Daily cost with deployments per day"
        testId="chart-timeline"
        height={300}
      />
      {!canSeeDeployments ? <p className="section-note">Your role may not read deployments.</p> : null}
      {deployments.status === 'error' ? <ErrorMessage error={deployments.error} /> : null}
    </>
  );
}

function CalendarPanel({ calendar, canRead }: { calendar: ApiState<CalendarAnswer>; canRead: boolean }) {
  if (!canRead) return <Empty>Your role may not read the deployment calendar.</Empty>;
  if (calendar.status === 'loading') return <Loading />;
  if (calendar.status === 'error') return <ErrorMessage error={calendar.error} />;
  const { environments, freezes, windows, breakGlass, at } = calendar.data;
  const active = freezes.filter((freeze) => freeze.activeNow);
  const glass = breakGlass.filter((item) => item.activeNow);
  return (
    <div data-testid="calendar">
      <p className="section-note">At {at.slice(0, 16).replace('T', ' ')} UTC</p>
      {environments.length === 0 ? <Empty>No environments in the catalogue.</Empty> : null}
      <ul className="plain">
        {environments.map((env) => (
          <li key={env.environment}>
            <strong>{env.environment}</strong>{' '}
            {env.mayDeploy ? (
              <span className="pill good">may deploy</span>
            ) : (
              <span className="pill bad">blocked</span>
            )}{' '}
            <span className="muted">
              {env.frozenBy.length > 0 ? `frozen (${env.frozenBy.join(', ')})` : 'no freeze'}
              {env.unrestricted
                ? ', no windows'
                : env.windowOpen
                  ? ', window open'
                  : `, window closed${env.nextOpening ? ` until ${env.nextOpening.slice(0, 16).replace('T', ' ')}` : ''}`}
              {env.breakGlass ? `, break-glass ${env.breakGlass}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h3 style={{ marginTop: '0.6rem' }}>Freezes in force</h3>
      {active.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain">
          {active.map((freeze) => (
            <li key={freeze.id} data-testid="active-freeze">
              <strong>{freeze.id}</strong>{' '}
              {freeze.environment === '*' ? 'every environment' : freeze.environment}: {freeze.reason}{' '}
              <span className="muted">
                {freeze.cron
                  ? `(cron ${freeze.cron})`
                  : `(${freeze.from?.slice(0, 10)} to ${freeze.until?.slice(0, 10)})`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {glass.length > 0 ? (
        <>
          <h3>Break-glass open</h3>
          <ul className="plain">
            {glass.map((item) => (
              <li key={item.id}>
                {item.id}: {item.environment}
                {item.service ? `/${item.service}` : ''} by {item.by} until {item.until.slice(0, 16)} (
                {item.reason})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Deployment windows</h3>
      {windows.length === 0 ? (
        <p className="muted">No windows: deployments may go at any time outside freezes.</p>
      ) : (
        <ul className="plain">
          {windows.map((window) => (
            <li key={`${window.environment}:${window.cron}`}>
              {window.environment}: cron {window.cron}
            </li>
          ))}
        </ul>
      )}
      <p className="section-note">{freezes.length} freeze(s) on record in all.</p>
    </div>
  );
}

function RecentDeployments({
  deployments,
  asOf,
  days,
  canRead,
}: {
  deployments: ApiState<DeploymentRecord[]>;
  asOf: string | null;
  days: number;
  canRead: boolean;
}) {
  if (!canRead) return <Empty>Your role may not read deployments.</Empty>;
  if (deployments.status === 'loading' || !asOf) return <Loading />;
  if (deployments.status === 'error') return <ErrorMessage error={deployments.error} />;
  const from = addDays(asOf, -days);
  const end = addDays(asOf, 1);
  const rows = deployments.data.filter((item) => item.startedAt >= from && item.startedAt < end);
  if (rows.length === 0) return <Empty>No deployments in these days.</Empty>;
  const columns: Column<DeploymentRecord>[] = [
    { key: 'started', label: 'Started (UTC)', value: (row) => row.startedAt.slice(0, 16).replace('T', ' ') },
    { key: 'service', label: 'Service', value: (row) => row.service },
    { key: 'version', label: 'Version', value: (row) => row.version },
    {
      key: 'outcome',
      label: 'Outcome',
      value: (row) => row.outcome,
      render: (row) => (
        <span className={`pill ${row.outcome === 'succeeded' ? 'good' : 'bad'}`}>
          {row.outcome.replace('_', ' ')}
        </span>
      ),
    },
    { key: 'type', label: 'Change type', value: (row) => row.changeType },
    { key: 'change', label: 'Change', value: (row) => row.changeRequestId ?? null },
    {
      key: 'cost',
      label: 'Process cost',
      kind: 'money',
      value: (row) => row.cost?.total ?? null,
      render: (row) => <Money amount={row.cost?.total} currency={row.cost?.currency} />,
    },
  ];
  return (
    <DataTable
      testId="recent-deployments"
      rowLimit={200}
      columns={columns}
      rows={rows}
      fileName="tollgate-recent-deployments"
      initialSort={{ key: 'started', descending: true }}
    />
  );
}
