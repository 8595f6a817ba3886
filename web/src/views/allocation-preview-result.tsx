import type { Me, RulesPreview } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty } from '../components/status';
import { Decimal } from '../money-text';
import { ApplyRules } from './allocation-apply-rules';

/** How an owner's part was assigned, as the CLI says it too. */
const SOURCE_LABELS: Record<RulesPreview['sources'][number]['source'], string> = {
  rule: 'shared-cost rule',
  mapping: 'mapping rule',
  unallocated: 'unallocated',
};

/** The FinOps goal the quality view also measures against: at most 5% of spend unallocated. */
const UNALLOCATED_GOAL = '5';

export function PreviewResult({ me, preview, yaml }: { me: Me; preview: RulesPreview; yaml: string }) {
  const gains = preview.moves.filter((move) => new Decimal(move.change).isPositive());
  const losses = preview.moves.filter((move) => new Decimal(move.change).isNegative());
  return (
    <>
      <div className="card span-12" data-testid="preview-impact">
        <h2>
          Impact in {preview.period}{' '}
          <span className="unit-label">
            against{' '}
            {preview.currentVersion === null ? 'no rules (all unallocated)' : `v${preview.currentVersion}`}
            {'; effective cost'}
          </span>
        </h2>
        <p>
          {gains.length} {preview.dimension.replace('_', ' ')}
          {gains.length === 1 ? '' : 's'} would gain cost, {losses.length} would lose cost.
        </p>
        {preview.moves.length === 0 ? (
          <Empty>
            No owner's cost changes: the candidate allocates this month exactly as the rules in force do.
          </Empty>
        ) : (
          <DataTable
            testId="preview-moves"
            fileName={`rules-preview-${preview.period}`}
            rows={preview.moves}
            columns={[
              { key: 'owner', label: 'Owner', value: (m) => m.owner ?? '(none)' },
              { key: 'currency', label: 'Currency', value: (m) => m.currency },
              {
                key: 'before',
                label: 'Now',
                kind: 'money',
                value: (m) => m.before,
                render: (m) => <Money amount={m.before} currency={m.currency} />,
              },
              {
                key: 'after',
                label: 'With the candidate',
                kind: 'money',
                value: (m) => m.after,
                render: (m) => <Money amount={m.after} currency={m.currency} />,
              },
              {
                key: 'change',
                label: 'Gains (+) / loses (−)',
                kind: 'money',
                value: (m) => m.change,
                render: (m) => (
                  <Money
                    amount={m.change}
                    currency={m.currency}
                    className={m.change.startsWith('-') ? 'good' : 'bad'}
                  />
                ),
              },
            ]}
          />
        )}
      </div>
      <div className="card span-12" data-testid="preview-sources">
        <h2>
          How each {preview.dimension.replace('_', ' ')}'s cost is assigned{' '}
          <span className="unit-label">with the candidate; effective cost</span>
        </h2>
        <p>
          By a shared-cost rule (split), by a mapping rule (the line's tags or columns name the owner), or
          unallocated. Per currency the parts add up to the month's bill exactly.
        </p>
        <DataTable
          testId="preview-source-rows"
          fileName={`rules-preview-sources-${preview.period}`}
          rows={preview.sources}
          columns={[
            { key: 'owner', label: 'Owner', value: (r) => r.owner ?? '(none)' },
            { key: 'currency', label: 'Currency', value: (r) => r.currency },
            { key: 'source', label: 'Assigned by', value: (r) => SOURCE_LABELS[r.source] },
            { key: 'rule', label: 'Rule', value: (r) => r.ruleId ?? '' },
            {
              key: 'effective',
              label: 'Effective cost',
              kind: 'money',
              value: (r) => r.effectiveCost,
              render: (r) => <Money amount={r.effectiveCost} currency={r.currency} />,
            },
          ]}
        />
      </div>
      <div className="card span-6" data-testid="preview-unallocated">
        <h2>Unallocated share</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Currency</th>
                <th className="num">Now</th>
                <th className="num">With the candidate</th>
                <th className="num">Goal</th>
              </tr>
            </thead>
            <tbody>
              {preview.unallocated.map((row) => (
                <tr key={row.currency}>
                  <td>{row.currency}</td>
                  <td className="num">{row.beforeShare === 'n/a' ? 'n/a' : `${row.beforeShare} %`}</td>
                  <td className={`num ${withinGoal(row.afterShare) ? 'good' : 'bad'}`}>
                    {row.afterShare === 'n/a' ? 'n/a' : `${row.afterShare} %`}{' '}
                    <span className="muted">
                      (<Money amount={row.after} currency={row.currency} />)
                    </span>
                  </td>
                  <td className="num">≤ {UNALLOCATED_GOAL} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card span-6">
        <h2>Warnings</h2>
        {preview.warnings.length === 0 && preview.emptySplits.length === 0 ? (
          <Empty>None: every rule can match and every shared split has something to split by.</Empty>
        ) : (
          <ul className="plain">
            {preview.warnings.map((warning) => (
              <li key={warning} className="warn">
                {warning}
              </li>
            ))}
            {preview.emptySplits.map((split) => (
              <li key={`${split.ruleId}:${split.currency}`} className="warn">
                Rule {split.ruleId} ({split.currency}): {split.reason}
              </li>
            ))}
          </ul>
        )}
        {me.permissions.includes('allocation:run') ? <ApplyRules yaml={yaml} /> : null}
      </div>
    </>
  );
}

export function withinGoal(share: string): boolean {
  return share !== 'n/a' && new Decimal(share).lessThanOrEqualTo(UNALLOCATED_GOAL);
}
