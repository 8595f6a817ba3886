import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { readParam, readParamList, writeParamList, writeParams } from './url-params';

/**
 * View state lives in the query string (`?view=explorer&by=service&from=2025-01-01`), so a
 * copied link opens the same view with the same choices. Every hook listens to the same
 * change event, so two components reading one key stay in step.
 */
const CHANGE_EVENT = 'tollgate:url-change';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function currentSearch(): string {
  return window.location.search;
}

/** Sets several parameters at once (null removes one); `push` adds a history entry (navigation). */
export function setUrlParams(changes: Record<string, string | null>, push = false): void {
  replaceSearch(writeParams(window.location.search, changes), push);
}

/** Sets a repeated parameter (`filter=a&filter=b`) and optionally single ones, as one history step. */
export function setUrlList(
  key: string,
  values: readonly string[],
  changes: Record<string, string | null> = {},
  push = false,
): void {
  replaceSearch(writeParams(writeParamList(window.location.search, key, values), changes), push);
}

function replaceSearch(next: string, push: boolean): void {
  const url = `${window.location.pathname}${next}${window.location.hash}`;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** A value kept in the query string under `key`; the default is not written to the URL. */
export function useUrlState(key: string, defaultValue: string): [string, (value: string) => void] {
  const search = useSyncExternalStore(subscribe, currentSearch, currentSearch);
  const value = readParam(search, key) ?? defaultValue;
  const setValue = useCallback(
    (next: string) => setUrlParams({ [key]: next === defaultValue ? null : next }),
    [key, defaultValue],
  );
  return [value, setValue];
}

/** The whole query string, for views that read several keys together. */
export function useUrlSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch, currentSearch);
}

/** A repeated query-string parameter as a list (e.g. the explorer's filters). */
export function useUrlList(key: string): string[] {
  const search = useSyncExternalStore(subscribe, currentSearch, currentSearch);
  // The list is rebuilt only when the query string changes, so it is stable for effects.
  return useMemo(() => readParamList(search, key), [search, key]);
}
