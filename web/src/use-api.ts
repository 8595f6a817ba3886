import { useQuery } from '@tanstack/react-query';
import type { ApiError, QueryValue } from './api-client';
import { apiQuery, asApiError } from './query-client';

export type ApiState<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: undefined; error: ApiError };

export interface UseApiOptions {
  query?: Record<string, QueryValue>;
  /** Never show a kept answer: ask the server each time the component mounts (e.g. the audit log). */
  fresh?: boolean;
}

/**
 * One GET answer for a component through the shared TanStack Query cache, as a three-state
 * value the views switch on (loading, ready, error). `path` null means "not yet" (e.g. waiting
 * for another answer). A new path or query starts from "loading", never from another query's data.
 */
export function useApi<T>(path: string | null, options: UseApiOptions = {}): ApiState<T> {
  const result = useQuery({
    ...apiQuery<T>(path ?? '', options.query),
    enabled: path !== null,
    ...(options.fresh ? { staleTime: 0, gcTime: 0 } : {}),
  });
  if (path === null || result.isPending) return { status: 'loading', data: undefined, error: undefined };
  if (result.isError) return { status: 'error', data: undefined, error: asApiError(result.error) };
  return { status: 'ready', data: result.data, error: undefined };
}

/** Several answers at once: ready when all are, an error as soon as one fails. */
export function combineStates<T extends readonly ApiState<unknown>[]>(
  ...states: T
): ApiState<{ [K in keyof T]: T[K] extends ApiState<infer D> ? D : never }> {
  for (const state of states) if (state.status === 'error') return state;
  if (states.some((state) => state.status === 'loading'))
    return { status: 'loading', data: undefined, error: undefined };
  return {
    status: 'ready',
    data: states.map((state) => state.data) as { [K in keyof T]: T[K] extends ApiState<infer D> ? D : never },
    error: undefined,
  };
}
