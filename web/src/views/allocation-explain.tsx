import type { ExplainAnswer } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { ErrorMessage, Loading } from '../components/status';
import { sumDecimals } from '../money-text';
import { useApi } from '../use-api';

/** The statement's "explain" link: the same view, with the team's figure traced below it. */
export function explainHref(team: string, period: string): string {
  return `/?${new URLSearchParams({ view: 'allocation', tab: 'statements', team, period, explain: 'team' }).toString()}`;
}

/**
 * A team's allocated figure traced back, as `tollgate explain --team` does: the rules (direct,
 * shared, unallocated) that brought it cost, each with its total, and the largest cost lines.
 */
export function ExplainPanel({ team, period }: { team: string; period: string }) {
  const answer = useApi<ExplainAnswer>('/api/v1/explain', { query: { team, period, top: '10' } });
  return (
    <div className="card span-12" data-testid="explain">
      <h2>
        Where {team}'s cost in {period} comes from
      </h2>
      {answer.status === 'loading' ? <Loading what="Tracing the allocation" /> : null}
      {answer.status === 'error' ? <ErrorMessage error={answer.error} title="Could not explain" /> : null}
      {answer.status === 'ready' ? <ExplainBody answer={answer.data} /> : null}
    </div>
  );
}

function ExplainBody({ answer }: { answer: ExplainAnswer }) {
  const currencies = [...new Set(answer.rules.map((rule) => rule.currency))];
  return (
    <>
      <p className="section-note" data-testid="explain-totals">
        Allocated by run {answer.run.id}:{' '}
        {currencies.map((currency, index) => (
          <span key={currency}>
            {index > 0 ? ', ' : ''}
            <Money
              amount={sumDecimals(
                answer.rules.filter((rule) => rule.currency === currency).map((rule) => rule.effectiveCost),
              )}
              currency={currency}
            />
          </span>
        ))}
      </p>
      <DataTable
        testId="explain-rules"
        caption="Rules"
        fileName={`explain-${answer.owner}-${answer.period}-rules`}
        rows={answer.rules}
        initialSort={{ key: 'effective', descending: true }}
        columns={[
          { key: 'kind', label: 'Kind', value: (r) => r.kind },
          { key: 'rule', label: 'Rule', value: (r) => r.ruleId ?? '–' },
          {
            key: 'method',
            label: 'Split',
            value: (r) => (r.driver ? `${r.method} by ${r.driver}` : r.method),
          },
          { key: 'lines', label: 'Lines', kind: 'number', value: (r) => String(r.lines) },
          {
            key: 'effective',
            label: 'Effective',
            kind: 'money',
            value: (r) => r.effectiveCost,
            render: (r) => <Money amount={r.effectiveCost} currency={r.currency} />,
          },
        ]}
      />
      <DataTable
        testId="explain-lines"
        caption="Largest cost lines"
        fileName={`explain-${answer.owner}-${answer.period}-lines`}
        rows={answer.lines}
        columns={[
          { key: 'service', label: 'Provider service', value: (r) => r.serviceName },
          {
            key: 'resource',
            label: 'Resource',
            value: (r) => r.resourceId,
            render: (r) => <span className="cell-wrap">{r.resourceId ?? '–'}</span>,
          },
          { key: 'rule', label: 'Rule', value: (r) => r.ruleId ?? r.kind },
          {
            key: 'effective',
            label: 'Effective',
            kind: 'money',
            value: (r) => r.effectiveCost,
            render: (r) => <Money amount={r.effectiveCost} currency={r.currency} />,
          },
        ]}
      />
    </>
  );
}
