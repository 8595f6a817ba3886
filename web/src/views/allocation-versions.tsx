import { useMemo } from 'react';
import type { RuleDiff, RuleSetVersion } from '../api-types';
import { DataTable } from '../components/data-table';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { formatLocalTime } from '../time-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import { describeRuleChanges } from './allocation-rule-diff.js';

export const effectiveLabel = (effectiveFrom: string) =>
  effectiveFrom === '0000-01' ? 'every period' : `from ${effectiveFrom}`;

/** Every applied rule set version, and what changed between any two of them. */
export function RuleVersions() {
  const versions = useApi<RuleSetVersion[]>('/api/v1/rules/versions');
  if (versions.status === 'loading') return <Loading what="Reading the rule set versions" />;
  if (versions.status === 'error')
    return <ErrorMessage error={versions.error} title="Could not read the rule set versions" />;
  if (versions.data.length === 0)
    return <Empty>No rule set has been applied yet; every cost is unallocated until one is.</Empty>;
  return <VersionsBody versions={versions.data} />;
}

function VersionsBody({ versions }: { versions: RuleSetVersion[] }) {
  const newest = useMemo(() => [...versions].sort((a, b) => b.version - a.version), [versions]);
  const latest = String(newest[0]!.version);
  const previous = String(newest[1]?.version ?? newest[0]!.version);
  const [from, setFrom] = useUrlState('diffFrom', previous);
  const [to, setTo] = useUrlState('diffTo', latest);
  return (
    <div className="grid">
      <div className="card span-12">
        <h2>Rule set versions</h2>
        <DataTable
          testId="rule-versions"
          fileName="rule-set-versions"
          rows={newest}
          columns={[
            { key: 'version', label: 'Version', kind: 'number', value: (v) => String(v.version) },
            { key: 'effective', label: 'Applies', value: (v) => effectiveLabel(v.effectiveFrom) },
            {
              key: 'appliedAt',
              label: 'Applied',
              value: (v) => v.appliedAt,
              render: (v) => formatLocalTime(v.appliedAt),
            },
            { key: 'appliedBy', label: 'By', value: (v) => v.appliedBy },
            { key: 'source', label: 'Source', value: (v) => v.sourcePath },
            {
              key: 'restored',
              label: 'Restored from',
              value: (v) => (v.restoredFrom === null ? null : `v${v.restoredFrom}`),
            },
          ]}
        />
      </div>
      <div className="card span-12">
        <div className="view-header">
          <h2>What changed</h2>
          <div className="controls">
            <VersionSelect label="From" name="diffFrom" value={from} onChange={setFrom} versions={newest} />
            <VersionSelect label="To" name="diffTo" value={to} onChange={setTo} versions={newest} />
          </div>
        </div>
        <VersionDiff from={from} to={to} />
      </div>
    </div>
  );
}

function VersionSelect({
  label,
  name,
  value,
  onChange,
  versions,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  versions: RuleSetVersion[];
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        {versions.map((version) => (
          <option key={version.version} value={String(version.version)}>
            v{version.version} ({effectiveLabel(version.effectiveFrom)})
          </option>
        ))}
      </select>
    </label>
  );
}

function VersionDiff({ from, to }: { from: string; to: string }) {
  const diff = useApi<RuleDiff>(from === to ? null : '/api/v1/rules/diff', { query: { from, to } });
  if (from === to) return <Empty>Pick two different versions to compare.</Empty>;
  if (diff.status === 'loading') return <Loading what="Comparing" />;
  if (diff.status === 'error')
    return <ErrorMessage error={diff.error} title="Could not compare the versions" />;
  const { changes } = diff.data;
  return (
    <div data-testid="rule-diff">
      <p className="muted">
        v{diff.data.from.version} → v{diff.data.to.version}
        {diff.data.effectiveFromChanged
          ? `; applies ${effectiveLabel(diff.data.from.effectiveFrom)} → ${effectiveLabel(diff.data.to.effectiveFrom)}`
          : ''}
        {diff.data.tagKeysChanged ? '; tag key matching changed' : ''}
      </p>
      {changes.length === 0 ? (
        <Empty>The two versions have the same rules.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Rule</th>
                <th>List</th>
                <th>Change</th>
                <th>Before</th>
                <th>After</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={`${change.list}:${change.id}`}>
                  <td>{change.id}</td>
                  <td>{change.list}</td>
                  <td
                    className={change.change === 'removed' ? 'bad' : change.change === 'added' ? 'good' : ''}
                  >
                    {change.change}
                    <FieldChanges before={change.before} after={change.after} />
                  </td>
                  <td>
                    <RuleText side={change.before} />
                  </td>
                  <td>
                    <RuleText side={change.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The fields of a rule that differ between two versions, in words: "method: driver → even". */
function FieldChanges({
  before,
  after,
}: {
  before: { position: number; rule: unknown } | null;
  after: { position: number; rule: unknown } | null;
}) {
  const lines = describeRuleChanges(before, after);
  if (lines.length === 0) return null;
  return (
    <ul className="plain" data-testid="rule-field-changes">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function RuleText({ side }: { side: { position: number; rule: unknown } | null }) {
  if (!side) return <span className="muted">–</span>;
  return (
    <details>
      <summary className="muted">#{side.position}, the whole rule</summary>
      <pre style={{ whiteSpace: 'pre-wrap', fontSize: '0.75rem', margin: 0 }}>
        {JSON.stringify(side.rule, null, 1)}
      </pre>
    </details>
  );
}
