import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError, authHeaders, buildUrl, fetchJson } from '../api-client';
import type { AuditPage } from '../api-types';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { asApiError } from '../query-client';
import { formatLocalTime } from '../time-text';
import { useUrlSearch } from '../url-state';
import { auditFilterProblems, readAuditFilter, toAuditQuery } from './audit-filter';

/** Entries read per page; more on request. */
const PAGE = 100;

/** The entries the URL's filters select, a page at a time, read anew each time the view opens. */
export function AuditEntries() {
  const search = useUrlSearch();
  const filter = readAuditFilter(search);
  const query = toAuditQuery(filter);
  const problems = auditFilterProblems(filter);
  const pages = useInfiniteQuery({
    queryKey: ['api', '/api/v1/audit', query, 'pages'],
    queryFn: ({ pageParam, signal }) =>
      fetchJson<AuditPage>('/api/v1/audit', {
        query: { ...query, limit: PAGE, afterSeq: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextAfterSeq,
    enabled: problems.length === 0,
    // The log grows with every change anyone makes: never show a kept copy.
    staleTime: 0,
    gcTime: 0,
  });
  const entries = useMemo(() => pages.data?.pages.flatMap((page) => page.entries) ?? [], [pages.data]);
  const error = pages.error ? asApiError(pages.error) : null;

  if (problems.length > 0)
    return (
      <ErrorMessage
        error={new ApiError(400, 'AUDIT_BAD_FILTER', problems.join(' '))}
        title="Check the filter"
      />
    );
  if (error) return <ErrorMessage error={error} title="Could not read the audit log" />;
  if (pages.isPending) return <Loading what="Reading the audit log" />;
  return (
    <div className="card" data-testid="audit-entries">
      <div className="table-tools">
        <span className="muted">
          {entries.length.toLocaleString('en-US')} entries shown, oldest first
          {pages.hasNextPage ? ' (more below)' : ''}
        </span>
        <ExportButton query={query} />
      </div>
      {entries.length === 0 ? (
        <Empty>No audit entries match these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th className="num">#</th>
                <th>When</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq} data-action={entry.action}>
                  <td className="num">{entry.seq}</td>
                  <td>
                    <time dateTime={entry.at}>{formatLocalTime(entry.at)}</time>
                  </td>
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
      {pages.hasNextPage ? (
        <button type="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? 'Loading…' : `Load ${PAGE} more`}
        </button>
      ) : null}
    </div>
  );
}

/** The export streams JSON lines; it needs the caller's credentials, so it is fetched, then saved. */
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
              headers: authHeaders(),
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
