import { useState } from 'react';
import type { AlertRecord } from '../api-types';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { formatLocalTime } from '../time-text';
import type { ApiState } from '../use-api';
import { budgetHref } from '../view-links';
import { alertFigures, topContributors } from './on-call-model';

export function AlertList({
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
  const kindRank = { anomaly: 0, 'burn-rate': 1, threshold: 2, renewal: 3 } as const;
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
                <span className="pill">{alert.kind}</span>{' '}
                <a href={budgetHref(alert.budget)} data-testid="alert-budget-link">
                  <strong>{alert.budget}</strong>
                </a>{' '}
                <span className="muted">opened {formatLocalTime(alert.openedAt)}</span>
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
              {typeof alert.details.explorer === 'string' && alert.details.explorer.startsWith('/?') ? (
                <a href={alert.details.explorer} data-testid="alert-explorer-link">
                  Open these numbers in the explorer
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
