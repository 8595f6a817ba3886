import { useMemo } from 'react';
import type { Deployment, ReleaseReport } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { sumDecimals } from '../money-text';
import { formatPercent } from '../percent-text';
import { formatLocalTime } from '../time-text';
import { combineStates, useApi } from '../use-api';
import { changeHref, deploymentCostHref } from '../view-links';
import { ReleaseConversionNote, useReleaseCurrency } from './release-currency';

/** One release: its estimate line by line with the contingency, actuals, variance, and deployments. */
export function ReleaseDetail({ releaseId, onClose }: { releaseId: string; onClose: () => void }) {
  const { query } = useReleaseCurrency();
  const report = useApi<ReleaseReport>(`/api/v1/releases/${encodeURIComponent(releaseId)}`, { query });
  const deployments = useApi<Deployment[]>(report.status === 'ready' ? '/api/v1/deployments' : null, {
    query: { releaseId },
  });
  const both = combineStates(report, deployments);
  return (
    <article className="card" aria-label={`Release ${releaseId}`} data-testid="release-detail">
      <div className="view-header">
        <h2>Release {releaseId}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      {both.status === 'loading' ? <Loading what="Reading the release" /> : null}
      {both.status === 'error' ? (
        <ErrorMessage error={both.error} title="Could not read the release" />
      ) : null}
      {both.status === 'ready' ? <ReleaseBody report={both.data[0]} deployments={both.data[1]} /> : null}
    </article>
  );
}

function ReleaseBody({ report, deployments }: { report: ReleaseReport; deployments: Deployment[] }) {
  const { release, estimate, actuals, variance } = report;
  const currency = report.conversion?.currency ?? release.currency;
  const mine = useMemo(
    () =>
      deployments
        .filter((deployment) => deployment.releaseId === release.id)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    [deployments, release.id],
  );
  const row = (label: string, amount: string | null, className?: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td className={`num ${className ?? ''}`}>
        <Money amount={amount} currency={currency} />
      </td>
    </tr>
  );
  // A missing part of the actuals says so: it is never shown as 0.
  const part = (label: string, amount: string | null) =>
    amount === null ? (
      <tr>
        <th scope="row">{label}</th>
        <td className="num muted">missing</td>
      </tr>
    ) : (
      row(label, amount)
    );
  const over = variance.variance === null ? 'muted' : variance.variance.startsWith('-') ? 'good' : 'bad';
  return (
    <>
      <p>
        {release.name} · <span className="pill">{release.status}</span> · planned {release.plannedDate} ·{' '}
        {release.spendClass.toUpperCase()} <span className="muted">({release.spendReason})</span>
      </p>
      <ReleaseConversionNote conversion={report.conversion} />
      <div
        style={{
          display: 'grid',
          gap: '0.75rem',
          gridTemplateColumns: 'repeat(auto-fit, minmax(15rem, 1fr))',
        }}
      >
        <div>
          <table data-testid="release-money">
            <caption>Estimate</caption>
            <tbody>
              {row('Labour', estimate.labour)}
              {row('Licences', estimate.licences)}
              {row('Environments', estimate.environments)}
              {row('Subtotal', estimate.subtotal)}
              {row('Contingency', estimate.contingency)}
              {row('Estimate total', estimate.total)}
            </tbody>
          </table>
        </div>
        <div>
          <table>
            <caption>Actuals and variance</caption>
            <tbody>
              {part(
                actuals.cloudMethod === 'tags' ? 'Cloud (tagged lines)' : 'Cloud (allocated bill)',
                actuals.cloud,
              )}
              {part('Labour booked', actuals.labour)}
              {part('Pipeline', actuals.pipeline)}
              {part('Deployment process', actuals.deploymentProcess)}
              {row(
                actuals.complete ? 'Actual total' : 'Actual total (at least: parts missing)',
                variance.actual,
              )}
              {variance.variance === null ? (
                <tr>
                  <th scope="row">Variance (actual − estimate)</th>
                  <td className="num muted" data-testid="variance-unknown">
                    unknown: {variance.varianceUnknown}
                  </td>
                </tr>
              ) : (
                row('Variance (actual − estimate)', variance.variance, over)
              )}
              <tr>
                <th scope="row">Variance %</th>
                <td className={`num ${over}`}>
                  {variance.variancePercent === null
                    ? '–'
                    : formatPercent(variance.variancePercent, { signed: true })}
                </td>
              </tr>
              {row('Budget', variance.budget)}
              {row(
                'Budget remaining',
                variance.budgetRemaining,
                variance.budgetRemaining?.startsWith('-') ? 'bad' : 'good',
              )}
            </tbody>
          </table>
        </div>
      </div>
      <h3>
        Deployments{' '}
        <span className="unit-label">
          {actuals.deploymentCount} recorded, {actuals.failedDeployments} failed or rolled back; cost{' '}
          <Money amount={sumDecimals(mine.map((d) => d.cost.total))} currency={release.currency} />
        </span>
      </h3>
      {mine.length === 0 ? (
        <Empty>No deployments recorded for this release yet.</Empty>
      ) : (
        <DataTable
          testId="release-deployments"
          fileName={`release-${release.id}-deployments`}
          rows={mine}
          columns={[
            { key: 'id', label: 'Deployment', value: (d) => d.id },
            { key: 'service', label: 'Service', value: (d) => d.service },
            { key: 'env', label: 'Env', value: (d) => d.environment },
            { key: 'version', label: 'Version', value: (d) => d.version },
            {
              key: 'started',
              label: 'Started',
              value: (d) => d.startedAt,
              render: (d) => formatLocalTime(d.startedAt),
            },
            {
              key: 'outcome',
              label: 'Outcome',
              value: (d) => d.outcome,
              render: (d) => (
                <span className={d.outcome === 'succeeded' ? 'pill' : 'pill bad'}>
                  {d.outcome.replace('_', ' ')}
                </span>
              ),
            },
            {
              key: 'change',
              label: 'Change',
              value: (d) => d.changeRequestId ?? null,
              render: (d) =>
                d.changeRequestId ? (
                  <a href={changeHref(d.changeRequestId)} data-testid="deployment-change-link">
                    {d.changeRequestId}
                  </a>
                ) : (
                  '–'
                ),
            },
            {
              key: 'cost',
              label: 'Cost',
              kind: 'money',
              value: (d) => d.cost.total,
              render: (d) => <Money amount={d.cost.total} currency={d.cost.currency} />,
            },
            {
              key: 'spend',
              label: 'Spend that day',
              value: (d) => deploymentCostHref({ ...d, currency: d.cost.currency }),
              render: (d) => (
                <a
                  href={deploymentCostHref({ ...d, currency: d.cost.currency })}
                  data-testid="deployment-cost-link"
                >
                  {d.service} in {d.environment}
                </a>
              ),
            },
          ]}
        />
      )}
      {report.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
    </>
  );
}
