import { useMemo } from 'react';
import type { CatalogAnswer, ProcessCostReport } from '../api-types';
import { Chart, type ChartOption, PALETTE } from '../components/chart';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { toChartNumber } from '../money-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';

/**
 * What the change process costs for a service's recent changes (running it and waiting for
 * it), now and if its small normal changes ran as standard (pre-approved) changes.
 */
export function ProcessCostPanel() {
  const catalog = useApi<CatalogAnswer>('/api/v1/catalog');
  const [service, setService] = useUrlState('service', '');
  const [last, setLast] = useUrlState('last', '20');
  const chosen = service || (catalog.status === 'ready' ? (catalog.data.catalog.services[0]?.id ?? '') : '');
  const report = useApi<ProcessCostReport>(chosen ? '/api/v1/process-cost' : null, {
    query: { service: chosen, last },
  });
  return (
    <>
      <form
        className="controls card"
        aria-label="Process cost for"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Service
          <select name="service" value={chosen} onChange={(event) => setService(event.target.value)}>
            {catalog.status === 'ready'
              ? catalog.data.catalog.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))
              : null}
          </select>
        </label>
        <label>
          Latest changes
          <input
            name="last"
            type="number"
            min={1}
            max={1000}
            value={last}
            onChange={(event) => setLast(event.target.value)}
            style={{ width: '6rem' }}
          />
        </label>
      </form>
      {catalog.status === 'error' ? (
        <ErrorMessage error={catalog.error} title="Could not read the catalogue" />
      ) : null}
      {report.status === 'loading' && chosen ? <Loading what="Costing the process" /> : null}
      {report.status === 'error' ? (
        <ErrorMessage error={report.error} title="Could not cost the process" />
      ) : null}
      {report.status === 'ready' ? <ProcessCostBody report={report.data} /> : null}
    </>
  );
}

function ProcessCostBody({ report }: { report: ProcessCostReport }) {
  const currency = report.currency;
  const option = useMemo(
    (): ChartOption => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 16, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: ['Current change models', 'Small changes standard'] },
      yAxis: { type: 'value', name: `${currency} / month` },
      series: [
        {
          name: 'Run',
          type: 'bar',
          stack: 'cost',
          itemStyle: { color: PALETTE[0]! },
          data: [report.current, report.whatIf].map((s) => toChartNumber(s.runCost) / report.months),
        },
        {
          name: 'Waiting (opportunity)',
          type: 'bar',
          stack: 'cost',
          itemStyle: { color: PALETTE[1]! },
          data: [report.current, report.whatIf].map((s) => toChartNumber(s.opportunityCost) / report.months),
        },
      ],
    }),
    [report, currency],
  );
  if (report.changes === 0)
    return <Empty>{report.service} has no deployed changes yet, so there is no process to cost.</Empty>;
  const scenarios = [
    { name: 'Current change models', ...report.current },
    { name: 'Small changes standard', ...report.whatIf },
  ];
  const saving = report.savingPerMonth;
  return (
    <div className="grid" data-testid="process-cost">
      <div className="card span-6">
        <h2>
          {report.service}: {report.changes} changes over {report.months} month(s)
        </h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Scenario</th>
                <th className="num">Run</th>
                <th className="num">Opportunity</th>
                <th className="num">Total</th>
                <th className="num">Per change</th>
                <th className="num">Per month</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  <td className="num">
                    <Money amount={s.runCost} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={s.opportunityCost} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={s.total} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={s.perChange} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={s.perMonth} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          Saving per month if small changes were standard:{' '}
          <strong className={saving.startsWith('-') ? 'bad' : 'good'}>
            <Money amount={saving} currency={currency} />
          </strong>
          {report.setupCost !== '0' ? (
            <>
              {' '}
              (one-off setup <Money amount={report.setupCost} currency={currency} />)
            </>
          ) : null}
        </p>
        <ul className="muted">
          {report.assumptions.map((assumption) => (
            <li key={assumption}>{assumption}</li>
          ))}
        </ul>
      </div>
      <div className="card span-6">
        <Chart
          option={option}
          height={240}
          label="Process cost per month, now and with small changes standard"
        />
      </div>
      <div className="card span-12">
        <DataTable
          fileName={`process-cost-${report.service}`}
          rows={report.lines}
          columns={[
            { key: 'change', label: 'Change', value: (l) => l.changeId },
            { key: 'type', label: 'Type', value: (l) => l.changeType },
            { key: 'whatIf', label: 'What-if type', value: (l) => l.whatIfType },
            { key: 'wait', label: 'Wait (h)', kind: 'number', value: (l) => String(l.waitHours) },
            {
              key: 'run',
              label: 'Run',
              kind: 'money',
              value: (l) => l.runCost,
              render: (l) => <Money amount={l.runCost} currency={currency} />,
            },
            {
              key: 'opp',
              label: 'Opportunity',
              kind: 'money',
              value: (l) => l.opportunityCost,
              render: (l) => <Money amount={l.opportunityCost} currency={currency} />,
            },
            {
              key: 'wRun',
              label: 'What-if run',
              kind: 'money',
              value: (l) => l.whatIfRunCost,
              render: (l) => <Money amount={l.whatIfRunCost} currency={currency} />,
            },
            {
              key: 'wOpp',
              label: 'What-if opportunity',
              kind: 'money',
              value: (l) => l.whatIfOpportunityCost,
              render: (l) => <Money amount={l.whatIfOpportunityCost} currency={currency} />,
            },
          ]}
        />
      </div>
    </div>
  );
}
