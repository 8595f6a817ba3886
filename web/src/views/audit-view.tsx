import { useEffect, useState } from 'react';
import { type AuditVerification, hasPermission } from '../api-types';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { UNTIL_LABEL } from '../day-range-text';
import { useUrlSearch, useUrlWriter } from '../url-state';
import { useApi } from '../use-api';
import { AuditEntries } from './audit-entries';
import { type AuditFilter, readAuditFilter } from './audit-filter';
import type { ViewProps } from './view-props';

/**
 * The audit log: every state change, who made it, from where, before and after. Filters live
 * in the URL (a link shows the same entries); the chain is verified from its first entry.
 */
export function AuditView({ me }: ViewProps) {
  if (!hasPermission(me, 'audit:read'))
    return (
      <section>
        <h1>Audit</h1>
        <Empty>The audit log is for finance admins and admins. Your role is {me.role}.</Empty>
      </section>
    );
  return (
    <section aria-label="Audit log">
      <div className="view-header">
        <h1>Audit</h1>
        <ChainStatus />
      </div>
      <AuditFilters />
      <AuditEntries />
    </section>
  );
}

function ChainStatus() {
  const state = useApi<AuditVerification>('/api/v1/audit/verify', { fresh: true });
  if (state.status === 'loading') return <Loading what="Verifying the chain" />;
  if (state.status === 'error')
    return <ErrorMessage error={state.error} title="Could not verify the chain" />;
  const result = state.data;
  return (
    <div
      className={`card chain-status ${result.ok ? 'good' : 'bad'}`}
      data-testid="audit-chain"
      role="status"
    >
      {result.ok ? (
        <strong>Chain verified</strong>
      ) : (
        <strong>Chain broken at entry {result.problem?.seq}</strong>
      )}
      <span className="muted">
        {' '}
        · {result.entries.toLocaleString('en-US')} entries · head{' '}
        <code title={result.headHash}>{result.headHash.slice(0, 12)}…</code>
      </span>
      {result.problem ? <div>{result.problem.message}</div> : null}
    </div>
  );
}

function AuditFilters() {
  const search = useUrlSearch();
  const { setParams } = useUrlWriter();
  const applied = readAuditFilter(search);
  const [draft, setDraft] = useState<AuditFilter>(applied);
  // A link or the back button changes the URL: the form follows it.
  useEffect(() => setDraft(readAuditFilter(search)), [search]);
  const field = (key: keyof AuditFilter) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });
  return (
    <form
      className="controls card"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        setParams({
          actor: draft.actor.trim() || null,
          action: draft.action.trim() || null,
          since: draft.since || null,
          until: draft.until || null,
        });
      }}
    >
      <label>
        Actor
        <input name="actor" placeholder="user:alice" {...field('actor')} />
      </label>
      <label>
        Action (or its prefix)
        <input name="action" placeholder="changes" {...field('action')} />
      </label>
      <label>
        From (UTC day)
        <input name="since" type="date" {...field('since')} />
      </label>
      <label>
        {UNTIL_LABEL}
        <input name="until" type="date" {...field('until')} />
      </label>
      <button type="submit" className="primary">
        Filter
      </button>
      <button
        type="button"
        onClick={() => setParams({ actor: null, action: null, since: null, until: null })}
      >
        Clear
      </button>
    </form>
  );
}
