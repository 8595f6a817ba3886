import type { QualityReport } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { formatPercent } from '../percent-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';

/** How allocatable a month is: tag coverage, the unallocated share against the 5% goal, what to tag first. */
export function DataQuality({ months }: { months: string[] }) {
  const [period, setPeriod] = useUrlState('period', months[0] ?? '');
  const [top, setTop] = useUrlState('top', '10');
  const report = useApi<QualityReport>(period ? '/api/v1/quality' : null, { query: { period, top } });
  return (
    <div className="grid">
      <form
        className="controls card span-12"
        aria-label="Quality of"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Month
          <select name="period" value={period} onChange={(event) => setPeriod(event.target.value)}>
            {months.map((month) => (
              <option key={month} value={month}>
                {month}
              </option>
            ))}
          </select>
        </label>
        <label>
          Top untagged
          <select name="top" value={top} onChange={(event) => setTop(event.target.value)}>
            {['10', '25', '100'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </form>
      {months.length === 0 ? (
        <div className="span-12">
          <Empty>No billing data is loaded yet.</Empty>
        </div>
      ) : null}
      {report.status === 'loading' && period ? (
        <div className="span-12">
          <Loading what="Measuring the data quality" />
        </div>
      ) : null}
      {report.status === 'error' ? (
        <div className="span-12">
          <ErrorMessage error={report.error} title="Could not measure the quality" />
        </div>
      ) : null}
      {report.status === 'ready' ? <QualityBody report={report.data} /> : null}
    </div>
  );
}

function QualityBody({ report }: { report: QualityReport }) {
  return (
    <>
      {report.tagCoverage.map((row) => (
        <div key={`${row.tag}:${row.currency}`} className="card tile span-3" data-testid="tag-coverage">
          <div className="tile-label">
            Spend tagged <code>{row.tag}</code> ({row.currency})
          </div>
          <div className="tile-value">{formatPercent(row.percent)}</div>
          <div className="tile-sub">
            <Money amount={row.taggedCost} currency={row.currency} /> of{' '}
            <Money amount={row.total} currency={row.currency} />
          </div>
        </div>
      ))}
      {report.unallocated === null ? (
        <div className="card tile span-3">
          <div className="tile-label">Unallocated share</div>
          <div className="tile-value">–</div>
          <div className="tile-sub">{report.period} has not been allocated yet.</div>
        </div>
      ) : (
        report.unallocated.map((row) => (
          <div key={row.currency} className="card tile span-3" data-testid="unallocated-share">
            <div className="tile-label">Unallocated share ({row.currency})</div>
            <div className={`tile-value ${row.withinGoal === false ? 'bad' : 'good'}`}>
              {formatPercent(row.percent)}
            </div>
            <div className="tile-sub">
              goal ≤ {formatPercent(row.goalPercent)} ·{' '}
              <Money amount={row.unallocatedCost} currency={row.currency} /> of{' '}
              <Money amount={row.total} currency={row.currency} />
              {row.withinGoal === false ? ' · above the goal' : ''}
            </div>
          </div>
        ))
      )}
      <div className="card span-6">
        <h2>
          Top untagged resources{' '}
          <span className="unit-label">effective cost in {report.period}, missing a required tag</span>
        </h2>
        {report.untaggedResources.length === 0 ? (
          <Empty>Every resource carries the required tags.</Empty>
        ) : (
          <DataTable
            testId="untagged-resources"
            fileName={`untagged-resources-${report.period}`}
            rows={report.untaggedResources}
            initialSort={{ key: 'cost', descending: true }}
            columns={[
              {
                key: 'resource',
                label: 'Resource',
                value: (r) => r.resourceId ?? '(no resource id)',
                render: (r) => <span className="cell-wrap">{r.resourceId ?? '(no resource id)'}</span>,
              },
              {
                key: 'service',
                label: 'Provider service',
                value: (r) => r.serviceName,
                render: (r) => <span className="cell-wrap">{r.serviceName}</span>,
              },
              {
                key: 'cost',
                label: 'Effective',
                kind: 'money',
                value: (r) => r.effectiveCost,
                render: (r) => <Money amount={r.effectiveCost} currency={r.currency} />,
              },
            ]}
          />
        )}
      </div>
      <div className="card span-6">
        <h2>
          Tag values the catalogue does not know <span className="unit-label">spend they carry</span>
        </h2>
        {report.unknownTagValues.length === 0 ? (
          <Empty>Every team, service, environment and cost-centre tag names a catalogue entry.</Empty>
        ) : (
          <DataTable
            testId="unknown-tag-values"
            fileName={`unknown-tag-values-${report.period}`}
            rows={report.unknownTagValues}
            initialSort={{ key: 'cost', descending: true }}
            columns={[
              { key: 'tag', label: 'Tag', value: (r) => r.tag },
              {
                key: 'value',
                label: 'Value',
                value: (r) => r.value,
                render: (r) => <span className="cell-wrap">{r.value}</span>,
              },
              {
                key: 'cost',
                label: 'Effective',
                kind: 'money',
                value: (r) => r.effectiveCost,
                render: (r) => <Money amount={r.effectiveCost} currency={r.currency} />,
              },
            ]}
          />
        )}
      </div>
      <p className="muted span-12">
        {report.lineCount.toLocaleString('en-US')} cost lines in {report.period}
        {report.allocationRun
          ? `; allocated by run ${report.allocationRun.id} with rule set v${report.allocationRun.ruleSetVersion}`
          : ''}
        .
      </p>
    </>
  );
}
