import type { CalendarAnswer } from '../api-types';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { addDays } from '../data-through';
import { formatLocalTime } from '../time-text';
import type { ApiState } from '../use-api';
import type { DeploymentRecord } from './on-call-model';

export function CalendarPanel({
  calendar,
  canRead,
}: {
  calendar: ApiState<CalendarAnswer>;
  canRead: boolean;
}) {
  if (!canRead) return <Empty>Your role may not read the deployment calendar.</Empty>;
  if (calendar.status === 'loading') return <Loading />;
  if (calendar.status === 'error') return <ErrorMessage error={calendar.error} />;
  const { environments, freezes, windows, breakGlass, at } = calendar.data;
  const active = freezes.filter((freeze) => freeze.activeNow);
  const glass = breakGlass.filter((item) => item.activeNow);
  return (
    <div data-testid="calendar">
      <p className="section-note">At {formatLocalTime(at)}</p>
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
                  : `, window closed${env.nextOpening ? ` until ${formatLocalTime(env.nextOpening)}` : ''}`}
              {env.breakGlass ? `, break-glass ${env.breakGlass}` : ''}
              {env.timeZone !== 'UTC' ? ` (windows read at ${env.localTime})` : ''}
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
                  ? `(cron ${freeze.cron}, ${freeze.timeZone})`
                  : `(${freeze.from ? formatLocalTime(freeze.from) : 'now'} to ${freeze.until ? formatLocalTime(freeze.until) : 'further notice'})`}
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
                {item.service ? `/${item.service}` : ''} by {item.by} until {formatLocalTime(item.until)} (
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
              {window.environment}: cron {window.cron} ({window.timeZone})
            </li>
          ))}
        </ul>
      )}
      <p className="section-note">{freezes.length} freeze(s) on record in all.</p>
    </div>
  );
}

export function RecentDeployments({
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
    {
      key: 'started',
      label: 'Started',
      value: (row) => row.startedAt,
      render: (row) => formatLocalTime(row.startedAt),
    },
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
