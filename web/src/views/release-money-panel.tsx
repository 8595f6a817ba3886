import type {
  CatalogAnswer,
  CiCostAnswer,
  EnvironmentTcoAnswer,
  ReleaseActualsAnswer,
  ReleaseRow,
} from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useCostRange } from '../cost-range';
import { formatDayRange, lastIncludedDay } from '../day-range-text';
import { formatLocalTime } from '../time-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import { ReleaseConversionNote, useReleaseCurrency } from './release-currency';
import { defaultCiService, defaultPeriod, describePart, PART_LABELS } from './release-money-model';

/**
 * The release money that comes from the bill: one release's actuals part by part (a part
 * whose data is missing says so, never 0), the cost per environment hour and the idle
 * environments, and the CI runners' bill apportioned to pipelines, over the release's
 * deployment window (or a period the reader picks).
 */
export function ReleaseMoneyPanel() {
  // The picker needs only the releases' names: in their own currency (no conversion to refuse).
  const releases = useApi<ReleaseRow[]>('/api/v1/releases');
  const [release, setRelease] = useUrlState('release', '');
  if (releases.status === 'loading') return <Loading what="Reading the releases" />;
  if (releases.status === 'error')
    return <ErrorMessage error={releases.error} title="Could not read the releases" />;
  if (releases.data.length === 0)
    return <Empty>No releases yet. tollgate release create --file release.yaml adds one.</Empty>;
  const sorted = [...releases.data].sort((a, b) => b.plannedDate.localeCompare(a.plannedDate));
  const chosen = release || sorted[0]!.id;
  return (
    <div className="grid" data-testid="release-money">
      <form
        className="controls card span-12"
        aria-label="Money of release"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Release
          <select name="release" value={chosen} onChange={(event) => setRelease(event.target.value)}>
            {sorted.map((row) => (
              <option key={row.id} value={row.id}>
                {row.id} — {row.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ReleaseActualsCard releaseId={chosen} />
    </div>
  );
}

function ReleaseActualsCard({ releaseId }: { releaseId: string }) {
  const { query } = useReleaseCurrency();
  const report = useApi<ReleaseActualsAnswer>(`/api/v1/releases/${encodeURIComponent(releaseId)}/actuals`, {
    query,
  });
  const range = useCostRange();
  if (report.status === 'loading') return <Loading what="Reading the release's actuals from the bill" />;
  if (report.status === 'error')
    return <ErrorMessage error={report.error} title="Could not read the release's actuals" />;
  const { actuals } = report.data;
  const lastDay = range.status === 'ready' ? (Object.values(range.data.lastDay).sort().at(-1) ?? null) : null;
  const period = defaultPeriod(actuals.window, lastDay);
  return (
    <>
      <article
        className="card span-6"
        aria-label={`Actuals of ${releaseId}`}
        data-testid="release-actual-parts"
      >
        <h2>
          Actuals by part <span className="unit-label">in {actuals.currency}</span>
        </h2>
        <p className="muted">
          {actuals.window
            ? `Deployment window ${formatLocalTime(actuals.window.from)} to ${formatLocalTime(actuals.window.to)}.`
            : 'No deployment yet: no window to charge cloud cost by.'}{' '}
          Cloud cost by{' '}
          {actuals.cloudMethod === 'tags' ? 'tagged lines' : `the window, split by ${actuals.driver}`}.
        </p>
        <ReleaseConversionNote conversion={report.data.conversion} />
        {/* A table wider than a phone scrolls in its card: the keyboard must reach it too
            (WCAG 2.1.1; axe's scrollable-region-focusable), so the region takes the focus. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard */}
        <section className="table-scroll" tabIndex={0} aria-label={`Actual cost of ${releaseId} by part`}>
          <table>
            <caption>Actual cost of {releaseId} by part</caption>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">How</th>
              </tr>
            </thead>
            <tbody>
              {actuals.parts.map((part) => {
                const shown = describePart(part.amount);
                return (
                  <tr key={part.part} data-part={part.part}>
                    <th scope="row">{PART_LABELS[part.part] ?? part.part}</th>
                    <td className="num">
                      {shown.missing ? (
                        <strong className="bad">missing</strong>
                      ) : (
                        <Money amount={part.amount} currency={actuals.currency} />
                      )}
                    </td>
                    <td className="muted">
                      {part.method}
                      {part.sources.length ? ` (${part.sources.length} sources)` : ''}
                    </td>
                  </tr>
                );
              })}
              <tr>
                <th scope="row">Known total{actuals.complete ? '' : ' (incomplete)'}</th>
                <td className="num">
                  <Money amount={actuals.known} currency={actuals.currency} />
                </td>
                <td className="muted">
                  {actuals.complete ? 'every part known' : 'a lower bound: parts are missing'}
                </td>
              </tr>
            </tbody>
          </table>
        </section>
        {actuals.warnings.length ? (
          <ul aria-label="Warnings">
            {actuals.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        ) : null}
      </article>
      {period ? (
        <>
          <EnvironmentCostCard period={period} />
          <PipelineCostCard period={period} />
        </>
      ) : (
        <div className="card span-6">
          <Empty>
            No cost data and no deployment window: load a bill to see environment and pipeline cost.
          </Empty>
        </div>
      )}
    </>
  );
}

function EnvironmentCostCard({ period }: { period: { from: string; to: string } }) {
  const report = useApi<EnvironmentTcoAnswer>('/api/v1/delivery/environments', { query: period });
  return (
    <article className="card span-6" aria-label="Environment cost per hour" data-testid="environment-cost">
      <h2>
        Environment cost per hour{' '}
        <span className="unit-label">{formatDayRange(period.from, lastIncludedDay(period.to))}</span>
      </h2>
      {report.status === 'loading' ? <Loading what="Costing the environments" /> : null}
      {report.status === 'error' ? (
        <ErrorMessage error={report.error} title="Could not cost the environments" />
      ) : null}
      {report.status === 'ready' ? (
        <>
          {report.data.environments.length === 0 ? (
            <Empty>No allocated cost in this period names an environment.</Empty>
          ) : (
            <DataTable
              fileName="environment-cost"
              caption="Allocated cost per environment per hour it existed"
              rows={report.data.environments}
              columns={[
                { key: 'environment', label: 'Environment', value: (r) => r.environment },
                {
                  key: 'cost',
                  label: 'Cost',
                  kind: 'money',
                  value: (r) => r.cost,
                  render: (r) => <Money amount={r.cost} currency={r.currency} />,
                },
                { key: 'hours', label: 'Hours', kind: 'number', value: (r) => String(r.hours) },
                {
                  key: 'perHour',
                  label: 'Per hour',
                  kind: 'money',
                  value: (r) => r.costPerHour,
                  render: (r) => <Money amount={r.costPerHour} currency={r.currency} digits={4} />,
                },
              ]}
            />
          )}
          <p className="muted">
            Idle ({report.data.idleDays} days without a deployment): {report.data.idle.length}{' '}
            {report.data.idle.length === 1 ? 'environment' : 'environments'}
            {report.data.idle.length ? ', ' : ''}
            {report.data.idle.slice(0, 5).map((row, index) => (
              <span key={`${row.service}/${row.environment}/${row.currency}`}>
                {index ? '; ' : ''}
                {row.service} in {row.environment} <Money amount={row.cost} currency={row.currency} />
              </span>
            ))}
            .
          </p>
          {report.data.warnings.map((warning) => (
            <p key={warning}>{warning}</p>
          ))}
        </>
      ) : null}
    </article>
  );
}

function PipelineCostCard({ period }: { period: { from: string; to: string } }) {
  const catalog = useApi<CatalogAnswer>('/api/v1/catalog');
  const [ciService, setCiService] = useUrlState('ciService', '');
  const services = catalog.status === 'ready' ? catalog.data.catalog.services : [];
  const chosen = ciService || defaultCiService(services);
  const report = useApi<CiCostAnswer>(chosen ? '/api/v1/delivery/pipelines' : null, {
    query: { ...period, ciService: chosen },
  });
  return (
    <article className="card span-12" aria-label="Pipeline cost" data-testid="pipeline-cost">
      <h2>
        Pipeline cost from the CI bill{' '}
        <span className="unit-label">{formatDayRange(period.from, lastIncludedDay(period.to))}</span>
      </h2>
      <form className="controls" aria-label="CI bill of" onSubmit={(event) => event.preventDefault()}>
        <label>
          CI service
          <select name="ciService" value={chosen} onChange={(event) => setCiService(event.target.value)}>
            {chosen === '' ? <option value="">Choose the CI runners' service</option> : null}
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {catalog.status === 'error' ? (
        <ErrorMessage error={catalog.error} title="Could not read the catalogue" />
      ) : null}
      {report.status === 'loading' && chosen ? <Loading what="Apportioning the CI bill" /> : null}
      {report.status === 'error' ? (
        <ErrorMessage error={report.error} title="Could not apportion the CI bill" />
      ) : null}
      {report.status === 'ready' ? (
        report.data.shares.length === 0 ? (
          <Empty>No cost of {chosen} in this period: the pipeline cost is unknown, not zero.</Empty>
        ) : (
          report.data.shares.map((share) => (
            <section key={share.currency} aria-label={`CI bill in ${share.currency}`}>
              <p>
                Bill <Money amount={share.bill} currency={share.currency} /> over {share.minutes} minutes: per
                deployment <Money amount={share.costPerDeployment} currency={share.currency} />, per rollback{' '}
                <Money amount={share.costPerRollback} currency={share.currency} />;{' '}
                {share.reconciles ? (
                  'apportioned exactly to the bill.'
                ) : (
                  <strong className="bad">does not reconcile</strong>
                )}
              </p>
              <DataTable
                fileName={`pipeline-cost-${share.currency}`}
                caption={`Pipelines' share of the CI bill in ${share.currency}`}
                rows={share.pipelines}
                columns={[
                  { key: 'service', label: 'Pipeline (service)', value: (r) => r.service },
                  {
                    key: 'deployments',
                    label: 'Deployments',
                    kind: 'number',
                    value: (r) => String(r.deployments),
                  },
                  { key: 'minutes', label: 'Minutes', kind: 'number', value: (r) => r.minutes },
                  {
                    key: 'cost',
                    label: 'Cost',
                    kind: 'money',
                    value: (r) => r.cost,
                    render: (r) => <Money amount={r.cost} currency={share.currency} />,
                  },
                ]}
              />
            </section>
          ))
        )
      ) : null}
      {report.status === 'ready'
        ? report.data.warnings.map((warning) => <p key={warning}>{warning}</p>)
        : null}
    </article>
  );
}
