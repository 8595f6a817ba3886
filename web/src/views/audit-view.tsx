import { useCallback, useEffect, useState } from 'react';
import { ApiError, buildUrl, fetchJson, getToken } from '../api-client';
import { hasPermission } from '../api-types';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { setUrlParams, useUrlSearch } from '../url-state';
import { useApi } from '../use-api';
import { type AuditFilter, auditFilterProblems, readAuditFilter, toAuditQuery } from './audit-filter';
import type { ViewProps } from './view-registry';

interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  tokenId: string | null;
  address: string | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

interface AuditPage {
  entries: AuditEntry[];
  nextAfterSeq: number | null;
}

interface AuditVerification {
  ok: boolean;
  entries: number;
  headHash: string;
  problem: { seq: number; problem: string; message: string } | null;
}

const PAGE = 100;

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
        setUrlParams({
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
        Until (UTC day, inclusive)
        <input name="until" type="date" {...field('until')} />
      </label>
      <button type="submit" className="primary">
        Filter
      </button>
      <button
        type="button"
        onClick={() => setUrlParams({ actor: null, action: null, since: null, until: null })}
      >
        Clear
      </button>
    </form>
  );
}

function AuditEntries() {
  const search = useUrlSearch();
  const filter = readAuditFilter(search);
  const query = toAuditQuery(filter);
  const problems = auditFilterProblems(filter);
  const [pages, setPages] = useState<{ key: string; entries: AuditEntry[]; next: number | null } | null>(
    null,
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(query);

  const load = useCallback(
    async (afterSeq: number | null, previous: AuditEntry[], signal?: AbortSignal) => {
      setBusy(true);
      try {
        const page = await fetchJson<AuditPage>('/api/v1/audit', {
          query: {
            ...(JSON.parse(key) as Record<string, string>),
            limit: PAGE,
            afterSeq: afterSeq ?? undefined,
          },
          signal,
          fresh: true,
        });
        setPages({ key, entries: [...previous, ...page.entries], next: page.nextAfterSeq });
        setError(null);
      } catch (caught) {
        if (signal?.aborted) return;
        setError(caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', String(caught)));
      } finally {
        if (!signal?.aborted) setBusy(false);
      }
    },
    [key],
  );

  useEffect(() => {
    const controller = new AbortController();
    setPages(null);
    setError(null);
    if (problems.length === 0) void load(null, [], controller.signal);
    return () => controller.abort();
  }, [load, problems.length]);

  if (problems.length > 0)
    return (
      <ErrorMessage
        error={new ApiError(400, 'AUDIT_BAD_FILTER', problems.join(' '))}
        title="Check the filter"
      />
    );
  if (error) return <ErrorMessage error={error} title="Could not read the audit log" />;
  if (!pages || pages.key !== key) return <Loading what="Reading the audit log" />;
  return (
    <div className="card" data-testid="audit-entries">
      <div className="table-tools">
        <span className="muted">
          {pages.entries.length.toLocaleString('en-US')} entries shown, oldest first
          {pages.next !== null ? ' (more below)' : ''}
        </span>
        <ExportButton query={query} />
      </div>
      {pages.entries.length === 0 ? (
        <Empty>No audit entries match these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th className="num">#</th>
                <th>When (UTC)</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {pages.entries.map((entry) => (
                <tr key={entry.seq} data-action={entry.action}>
                  <td className="num">{entry.seq}</td>
                  <td>{entry.at.replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    {entry.actor}
                    {entry.address ? <div className="muted">from {entry.address}</div> : null}
                  </td>
                  <td>{entry.action}</td>
                  <td>{entry.target}</td>
                  <td>
                    <details>
                      <summary>before / after</summary>
                      <pre style={{ whiteSpace: 'pre-wrap', maxWidth: '40rem', fontSize: '0.75rem' }}>
                        {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
                      </pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.next !== null ? (
        <button type="button" disabled={busy} onClick={() => void load(pages.next, pages.entries)}>
          {busy ? 'Loading…' : `Load ${PAGE} more`}
        </button>
      ) : null}
    </div>
  );
}

/** The export streams JSON lines; it needs the bearer token, so it is fetched, then saved. */
function ExportButton({ query }: { query: Record<string, string | undefined> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        onClick={async () => {
          setError(null);
          try {
            const response = await fetch(buildUrl('/api/v1/audit/export', query), {
              headers: { authorization: `Bearer ${getToken() ?? ''}` },
            });
            if (!response.ok) throw new Error(`The export failed (${response.status}). Try again.`);
            const url = URL.createObjectURL(await response.blob());
            const link = document.createElement('a');
            link.href = url;
            link.download = 'tollgate-audit.jsonl';
            document.body.append(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          } catch (caught) {
            setError(caught instanceof Error ? caught.message : String(caught));
          }
        }}
      >
        Export JSON lines
      </button>
      {error ? <span className="bad"> {error}</span> : null}
    </span>
  );
}
