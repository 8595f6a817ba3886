import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, fetchJson } from '../api-client';
import type { Me, RuleSetVersion, RulesPreview, RuleVersionDetail } from '../api-types';
import { ErrorMessage, Loading } from '../components/status';
import { asApiError } from '../query-client';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import { PreviewResult } from './allocation-preview-result';

const OWNER_DIMENSIONS = [
  { id: 'team', label: 'Team' },
  { id: 'service', label: 'Service' },
  { id: 'cost-centre', label: 'Cost centre' },
  { id: 'business-unit', label: 'Business unit' },
  { id: 'environment', label: 'Environment' },
] as const;

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
  const current = useApi<RuleVersionDetail>(newest ? `/api/v1/rules/versions/${newest.version}` : null);
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
