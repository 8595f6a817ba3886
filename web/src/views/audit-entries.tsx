import { useCallback, useEffect, useState } from 'react';
import { ApiError, buildUrl, fetchJson, getToken } from '../api-client';
import type { AuditEntry, AuditPage } from '../api-types';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useUrlSearch } from '../url-state';
import { auditFilterProblems, readAuditFilter, toAuditQuery } from './audit-filter';

/** Entries read per page; more on request. */
const PAGE = 100;

export function AuditEntries() {
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
export function ExportButton({ query }: { query: Record<string, string | undefined> }) {
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
