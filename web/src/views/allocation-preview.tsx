import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, fetchJson } from '../api-client';
import type { Me } from '../api-types';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { Decimal } from '../money-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import type { RuleSetVersion } from './allocation-versions';

interface OwnerMove {
  owner: string | null;
  currency: string;
  before: string;
  after: string;
  change: string;
}

export interface RulesPreview {
  period: string;
  dimension: string;
  currentVersion: number | null;
  moves: OwnerMove[];
  unallocated: {
    currency: string;
    total: string;
    before: string;
    after: string;
    beforeShare: string;
    afterShare: string;
  }[];
  emptySplits: { period: string; currency: string; ruleId: string; reason: string }[];
  warnings: string[];
}

const OWNER_DIMENSIONS = [
  { id: 'team', label: 'Team' },
  { id: 'service', label: 'Service' },
  { id: 'cost-centre', label: 'Cost centre' },
  { id: 'business-unit', label: 'Business unit' },
  { id: 'environment', label: 'Environment' },
] as const;

/** The FinOps goal the quality view also measures against: at most 5% of spend unallocated. */
const UNALLOCATED_GOAL = '5';

const asApiError = (error: unknown) =>
  error instanceof ApiError
    ? error
    : new ApiError(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error));

/**
 * Edit a candidate rule set (starting from the current one) and see, before anything is
 * stored, who would gain and lose how much in a month and the new unallocated share.
 * Roles that run allocation can then apply it as a new version.
 */
export function RulePreview({ me, months }: { me: Me; months: string[] }) {
  const versions = useApi<RuleSetVersion[]>('/api/v1/rules/versions');
  const newest =
    versions.status === 'ready' ? [...versions.data].sort((a, b) => b.version - a.version)[0] : undefined;
  // The listing leaves the YAML out; the newest version is read with its text.
  const current = useApi<RuleSetVersion & { yamlText: string }>(
    newest ? `/api/v1/rules/versions/${newest.version}` : null,
  );
  const latest = current.status === 'ready' ? current.data : undefined;
  const [yaml, setYaml] = useState<string | null>(null);
  const [period, setPeriod] = useUrlState('period', months[0] ?? '');
  const [by, setBy] = useUrlState('by', 'team');
  const [result, setResult] = useState<{ preview: RulesPreview; yaml: string } | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // The editor starts from the rule set in force (once it has been read).
  useEffect(() => {
    if (yaml === null && latest) setYaml(latest.yamlText);
  }, [latest, yaml]);

  async function preview(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setResult(null);
    const text = yaml ?? '';
    if (text.trim() === '') {
      setFailure(
        new ApiError(0, 'RULES_EMPTY', 'The rule set is empty. Paste or write the YAML of a rule set first.'),
      );
      return;
    }
    setBusy(true);
    try {
      const answer = await fetchJson<RulesPreview>('/api/v1/rules/preview', {
        method: 'POST',
        body: { yaml: text, fileName: 'candidate.yaml', period, by },
      });
      setResult({ preview: answer, yaml: text });
    } catch (error) {
      setFailure(asApiError(error));
    } finally {
      setBusy(false);
    }
  }

  if (versions.status === 'loading') return <Loading what="Reading the current rule set" />;
  if (versions.status === 'error')
    return <ErrorMessage error={versions.error} title="Could not read the rule sets" />;
  return (
    <div className="grid">
      <form className="card span-12" aria-label="Preview a rule set" onSubmit={preview}>
        <div className="view-header">
          <h2>
            Candidate rule set{' '}
            <span className="unit-label">
              {latest ? `starting from v${latest.version}, the latest version` : 'no version applied yet'}
            </span>
          </h2>
          <div className="controls">
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
              Owners by
              <select name="by" value={by} onChange={(event) => setBy(event.target.value)}>
                {OWNER_DIMENSIONS.map((dimension) => (
                  <option key={dimension.id} value={dimension.id}>
                    {dimension.label}
                  </option>
                ))}
              </select>
            </label>
            {latest ? (
              <button type="button" onClick={() => setYaml(latest.yamlText)}>
                Reset to v{latest.version}
              </button>
            ) : null}
            <button type="submit" className="primary" disabled={busy || period === ''}>
              {busy ? 'Previewing…' : 'Preview impact'}
            </button>
          </div>
        </div>
        <textarea
          name="rules-yaml"
          aria-label="Rule set YAML"
          spellCheck={false}
          rows={16}
          value={yaml ?? ''}
          onChange={(event) => setYaml(event.target.value)}
          style={{ width: '100%', fontFamily: 'ui-monospace, monospace', fontSize: '0.8rem' }}
        />
        <p className="muted">
          Nothing is stored by a preview: the month is allocated twice in scratch tables, with the rules in
          force and with these.
        </p>
      </form>
      {busy ? (
        <div className="span-12">
          <Loading what={`Allocating ${period} with both rule sets`} />
        </div>
      ) : null}
      {failure ? (
        <div className="span-12" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-error">
          <ErrorMessage error={failure} title="The preview could not run" />
        </div>
      ) : null}
      {result ? <PreviewResult me={me} preview={result.preview} yaml={result.yaml} /> : null}
    </div>
  );
}

function PreviewResult({ me, preview, yaml }: { me: Me; preview: RulesPreview; yaml: string }) {
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

function withinGoal(share: string): boolean {
  return share !== 'n/a' && new Decimal(share).lessThanOrEqualTo(UNALLOCATED_GOAL);
}

/** Applying stores a new version (history is kept); a second click confirms. */
function ApplyRules({ yaml }: { yaml: string }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [applied, setApplied] = useState<{ version: number; frozenPeriods: string[] } | null>(null);
  if (applied)
    return (
      <p className="good" role="status">
        Applied as version {applied.version}. Run allocation for the months it changes
        {applied.frozenPeriods.length > 0
          ? `; closed months keep their allocation (${applied.frozenPeriods.join(', ')})`
          : ''}
        .
      </p>
    );
  return (
    <div>
      {failure ? (
        <div style={{ whiteSpace: 'pre-wrap' }}>
          <ErrorMessage error={failure} title="Not applied" />
        </div>
      ) : null}
      {step === 'confirm' ? (
        <p>Apply this rule set as a new version? It takes effect for every month from its effective_from.</p>
      ) : null}
      <button
        type="button"
        disabled={step === 'busy'}
        className={step === 'confirm' ? 'primary' : undefined}
        onClick={async () => {
          if (step === 'idle') {
            setStep('confirm');
            return;
          }
          setStep('busy');
          setFailure(null);
          try {
            setApplied(
              await fetchJson<{ version: number; frozenPeriods: string[] }>('/api/v1/rules/versions', {
                method: 'POST',
                body: { yaml, fileName: 'dashboard-rules.yaml' },
              }),
            );
          } catch (error) {
            setFailure(asApiError(error));
            setStep('idle');
          }
        }}
      >
        {step === 'confirm' ? 'Confirm: apply as a new version' : 'Apply as a new version…'}
      </button>
    </div>
  );
}
