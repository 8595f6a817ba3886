import { QueryClient, queryOptions } from '@tanstack/react-query';
import { ApiError, type FetchOptions, fetchJson, type QueryValue } from './api-client';

/**
 * The dashboard's one cache of API answers (TanStack Query). Answers stay fresh for a minute,
 * so going back to a view, or toggling a control back, paints at once; a failed answer is
 * shown at once, never retried behind the user's back (the message says what to do instead).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 60_000, retry: false, refetchOnWindowFocus: false },
  },
});

/** The cache entry of one GET: its key is the path and the query, so equal requests share it. */
export function apiQuery<T>(path: string, query: Record<string, QueryValue> = {}) {
  return queryOptions({
    queryKey: ['api', path, query] as const,
    queryFn: ({ signal }) => fetchJson<T>(path, { query, signal }),
  });
}

/** Starts loading an answer a view will soon ask for; a failure waits for that view to show it. */
export function prefetchApi(path: string, query: Record<string, QueryValue> = {}): void {
  void queryClient.prefetchQuery(apiQuery(path, query));
}

/**
 * Sends a change (POST, PUT, ...) and then marks every cached answer stale, refetching those on
 * screen before it resolves, since one change can move figures in several views.
 */
export async function sendChange<T>(path: string, options: Omit<FetchOptions, 'signal'>): Promise<T> {
  const answer = await fetchJson<T>(path, options);
  await queryClient.invalidateQueries();
  return answer;
}

/** Any failure as an ApiError, so every view shows the same kind of message. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error));
}
