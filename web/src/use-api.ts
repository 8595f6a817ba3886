import { useEffect, useState } from 'react';
import { ApiError, type FetchOptions, fetchJson } from './api-client';

export type ApiState<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: undefined; error: ApiError };

/**
 * Loads one GET answer for a component and reloads it when `path` or the query changes.
 * A slower answer to an older query never overwrites a newer one (the old request is aborted).
 * `path` null means "not yet" (e.g. waiting for another answer).
 */
export function useApi<T>(
  path: string | null,
  options: Omit<FetchOptions, 'signal' | 'method' | 'body'> & {
    /** Change it to load again (after the user changed something). */
    reload?: number;
  } = {},
): ApiState<T> {
  const key =
    path === null
      ? null
      : JSON.stringify([path, options.query ?? {}, options.fresh ?? false, options.reload ?? 0]);
  const [state, setState] = useState<{ key: string | null; value: ApiState<T> }>({
    key: null,
    value: { status: 'loading', data: undefined, error: undefined },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for path and options
  useEffect(() => {
    if (key === null || path === null) return;
    const controller = new AbortController();
    fetchJson<T>(path, { query: options.query, fresh: options.fresh, signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'ready', data, error: undefined } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error));
        setState({ key, value: { status: 'error', data: undefined, error: failure } });
      },
    );
    return () => controller.abort();
  }, [key]);

  if (key === null || state.key !== key) return { status: 'loading', data: undefined, error: undefined };
  return state.value;
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

/**
 * Several GETs of the same shape at once (e.g. one status per budget), ready when all are;
 * the first failure is the answer. `paths` null means "not yet".
 */
export function useApiAll<T>(paths: string[] | null, query: FetchOptions['query'] = {}): ApiState<T[]> {
  const key = paths === null ? null : JSON.stringify([paths, query]);
  const [state, setState] = useState<{ key: string | null; value: ApiState<T[]> }>({
    key: null,
    value: { status: 'loading', data: undefined, error: undefined },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for paths and query
  useEffect(() => {
    if (key === null || paths === null) return;
    let current = true;
    Promise.all(paths.map((path) => fetchJson<T>(path, { query }))).then(
      (data) => {
        if (current) setState({ key, value: { status: 'ready', data, error: undefined } });
      },
      (error: unknown) => {
        if (!current) return;
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error));
        setState({ key, value: { status: 'error', data: undefined, error: failure } });
      },
    );
    return () => {
      current = false;
    };
  }, [key]);

  if (key === null || state.key !== key) return { status: 'loading', data: undefined, error: undefined };
  return state.value;
}
