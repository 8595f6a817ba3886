import type { CatalogAnswer } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { readCurrencyChoice } from '../currency-choice';
import { formatPercent } from '../percent-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import { downloadText } from './allocation-download';
import { ExplainPanel, explainHref } from './allocation-explain';
import { StatementConversion, StatementCurrencySelect } from './allocation-statement-currency';
import { statementCsv, type TeamStatement } from './allocation-statement-file';

const MODELS = [
  { id: 'showback', label: 'Showback (information only)' },
  { id: 'full', label: 'Full chargeback' },
  { id: 'partial', label: 'Partial chargeback (subsidy)' },
] as const;

/** A team's bill for a month under a chargeback model, with downloads of exactly what is shown. */
export function TeamStatements({ months }: { months: string[] }) {
  const catalog = useApi<CatalogAnswer>('/api/v1/catalog');
  const [team, setTeam] = useUrlState('team', '');
  const [period, setPeriod] = useUrlState('period', months[0] ?? '');
  const [model, setModel] = useUrlState('model', 'showback');
  const [subsidy, setSubsidy] = useUrlState('subsidy', '25');
  const [choiceValue, setChoice] = useUrlState('currency', '');
  const choice = readCurrencyChoice(choiceValue);
  const [explain] = useUrlState('explain', '');
  const teams =
    catalog.status === 'ready'
      ? [...catalog.data.catalog.teams].sort((a, b) => a.name.localeCompare(b.name))
      : [];
  const chosen = team || (teams[0]?.id ?? '');
  const statement = useApi<TeamStatement>(chosen && period ? '/api/v1/statements' : null, {
    query: {
      team: chosen,
      period,
      model,
      subsidy: model === 'partial' ? subsidy : undefined,
      currency: choice.converted ? choice.currency : undefined,
    },
  });

  return (
    <div className="grid">
      <form
        className="controls card span-12"
        aria-label="Statement for"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Team
          <select name="team" value={chosen} onChange={(event) => setTeam(event.target.value)}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
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
          Model
          <select name="model" value={model} onChange={(event) => setModel(event.target.value)}>
            {MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {model === 'partial' ? (
          <label>
            Central IT absorbs (% of shared)
            <input
              name="subsidy"
              inputMode="decimal"
              value={subsidy}
              onChange={(event) => setSubsidy(event.target.value)}
              style={{ width: '6rem' }}
            />
          </label>
        ) : null}
        <StatementCurrencySelect value={choiceValue} onChange={setChoice} />
      </form>
      {catalog.status === 'error' ? (
        <div className="span-12">
          <ErrorMessage error={catalog.error} title="Could not read the teams" />
        </div>
      ) : null}
      {months.length === 0 ? (
        <div className="span-12">
          <Empty>No billing data is loaded yet, so there is no statement to show.</Empty>
        </div>
      ) : null}
      {statement.status === 'loading' && chosen ? (
        <div className="span-12">
          <Loading what="Building the statement" />
        </div>
      ) : null}
      {statement.status === 'error' ? (
        <div className="span-12">
          <ErrorMessage error={statement.error} title="No statement" />
        </div>
      ) : null}
      {statement.status === 'ready' ? <StatementBody statement={statement.data} /> : null}
      {explain && chosen && period ? <ExplainPanel team={chosen} period={period} /> : null}
    </div>
  );
}

function StatementBody({ statement }: { statement: TeamStatement }) {
  const base = `statement-${statement.team.id}-${statement.period}-${statement.model}`;
  return (
    <div className="card span-12" data-testid="statement">
      <div className="view-header">
        <h2>
          {statement.team.name} · {statement.period}{' '}
          <span className="unit-label">
            {statement.model}
            {statement.model === 'partial'
              ? ` (${formatPercent(statement.subsidyPercent)} of shared absorbed)`
              : ''}{' '}
            · effective cost · rule set v{statement.run.ruleSetVersion} ·{' '}
            {statement.closed ? 'month closed' : 'month open (may change)'}
          </span>
        </h2>
        <div className="controls">
          <button
            type="button"
            onClick={() =>
              downloadText(`${base}.json`, `${JSON.stringify(statement, null, 2)}\n`, 'application/json')
            }
          >
            Download JSON
          </button>
          <button
            type="button"
            onClick={() => downloadText(`${base}.csv`, statementCsv(statement), 'text/csv;charset=utf-8')}
          >
            Download CSV
          </button>
        </div>
      </div>
      {statement.conversion ? <StatementConversion conversion={statement.conversion} /> : null}
      {statement.currencies.length === 0 ? (
        <Empty>This team has no allocated cost in {statement.period}.</Empty>
      ) : null}
      {statement.currencies.map((money) => (
        <div key={money.currency} className="grid">
          <div className="card tile span-3" style={{ alignSelf: 'start' }}>
            <div className="tile-label">Total ({money.currency})</div>
            <div className="tile-value">
              <Money amount={money.totals.total.effectiveCost} currency={money.currency} />
            </div>
            <div className="tile-sub">
              direct <Money amount={money.totals.direct.effectiveCost} currency={money.currency} />, shared{' '}
              <Money amount={money.totals.shared.effectiveCost} currency={money.currency} />
            </div>
            <a href={explainHref(statement.team.id, statement.period)} data-testid="statement-explain-link">
              Explain this figure
            </a>
          </div>
          <div className="card tile span-3" style={{ alignSelf: 'start' }}>
            <div className="tile-label">Charged to the team</div>
            <div className="tile-value">
              <Money amount={money.recovery.charged} currency={money.currency} />
            </div>
            <div className="tile-sub">
              central IT absorbs <Money amount={money.recovery.subsidised} currency={money.currency} />
            </div>
          </div>
          <div className="span-6">
            <DataTable
              testId="statement-shared"
              fileName={`${base}-shared`}
              caption="Shared costs by rule"
              rows={money.shared}
              columns={[
                { key: 'rule', label: 'Rule', value: (r) => r.ruleId },
                {
                  key: 'method',
                  label: 'Split',
                  value: (r) => (r.driver ? `${r.method} by ${r.driver}` : r.method),
                },
                {
                  key: 'cost',
                  label: 'Effective',
                  kind: 'money',
                  value: (r) => r.effectiveCost,
                  render: (r) => <Money amount={r.effectiveCost} currency={money.currency} />,
                },
              ]}
            />
          </div>
          {[
            { title: 'Credits', rows: money.credits },
            { title: 'Adjustments', rows: money.adjustments },
          ]
            .filter((part) => part.rows.length > 0)
            .map((part) => (
              <div key={part.title} className="span-6">
                <DataTable
                  fileName={`${base}-${part.title.toLowerCase()}`}
                  caption={part.title}
                  rows={part.rows}
                  columns={[
                    { key: 'provider', label: 'Provider', value: (r) => r.provider },
                    { key: 'providerService', label: 'Provider service', value: (r) => r.providerService },
                    {
                      key: 'effective',
                      label: 'Effective',
                      kind: 'money',
                      value: (r) => r.effectiveCost,
                      render: (r) => <Money amount={r.effectiveCost} currency={money.currency} />,
                    },
                  ]}
                />
              </div>
            ))}
          <div className="span-12">
            <DataTable
              testId="statement-direct"
              fileName={`${base}-direct`}
              caption="Direct costs by service"
              rows={money.direct}
              initialSort={{ key: 'effective', descending: true }}
              columns={[
                { key: 'service', label: 'Service', value: (r) => r.service ?? '(no catalogue service)' },
                { key: 'provider', label: 'Provider', value: (r) => r.provider },
                { key: 'providerService', label: 'Provider service', value: (r) => r.providerService },
                {
                  key: 'billed',
                  label: 'Billed',
                  kind: 'money',
                  value: (r) => r.billedCost,
                  render: (r) => <Money amount={r.billedCost} currency={money.currency} />,
                },
                {
                  key: 'effective',
                  label: 'Effective',
                  kind: 'money',
                  value: (r) => r.effectiveCost,
                  render: (r) => <Money amount={r.effectiveCost} currency={money.currency} />,
                },
              ]}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
