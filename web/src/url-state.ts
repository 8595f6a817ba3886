import { useNavigate, useRouter, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readParam, readParamList, writeParamList, writeParams } from './url-params';

/**
 * View state lives in the query string (`?view=explorer&by=service&from=2025-01-01`), so a
 * copied link opens the same view with the same choices. TanStack Router owns the URL and its
 * history; these hooks read and write it in the plain query-string form bookmarks already use
 * (repeated keys for lists, no JSON), through the parser and serializer given to the router.
 */
export type UrlSearch = Record<string, string | string[]>;

/** `?a=1&f=x&f=y` -> { a: '1', f: ['x', 'y'] }: one value stays a string, repeats become a list. */
export function parseSearchParams(search: string): UrlSearch {
  const params = new URLSearchParams(search);
  const result: UrlSearch = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return result;
}

/** The reverse of parseSearchParams, with its '?' (or '' when empty). */
export function stringifySearchParams(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The whole query string, for views that read several keys together. */
export function useUrlSearch(): string {
  const search = useSearch({ strict: false }) as UrlSearch;
  return useMemo(() => stringifySearchParams(search), [search]);
}

/** Writers of the query string; `push` adds a history entry (navigation), otherwise it replaces. */
export function useUrlWriter() {
  const router = useRouter();
  const navigate = useNavigate();
  // The router's history location is updated at once, so two writes in a row both land.
  const write = useCallback(
    (next: (search: string) => string, push: boolean) =>
      navigate({
        to: '/',
        search: () => parseSearchParams(next(router.history.location.search)),
        replace: !push,
        // A control changed in place: the page stays where the user is reading.
        resetScroll: false,
      }),
    [navigate, router],
  );
  return useMemo(
    () => ({
      /** Sets several parameters at once (null or '' removes one). */
      setParams: (changes: Record<string, string | null>, push = false) =>
        write((search) => writeParams(search, changes), push),
      /** Sets a repeated parameter (`filter=a&filter=b`) and optionally single ones, as one step. */
      setList: (
        key: string,
        values: readonly string[],
        changes: Record<string, string | null> = {},
        push = false,
      ) => write((search) => writeParams(writeParamList(search, key, values), changes), push),
    }),
    [write],
  );
}

/**
 * A value kept in the query string under `key`; the default is not written to the URL.
 * The router commits a URL change in a React transition, a moment after the keystroke; the
 * value typed is shown at once meanwhile, so a controlled input never drops a fast keystroke.
 */
export function useUrlState(key: string, defaultValue: string): [string, (value: string) => void] {
  const search = useUrlSearch();
  const { setParams } = useUrlWriter();
  const inUrl = readParam(search, key) ?? defaultValue;
  const [typed, setTyped] = useState<string | null>(null);
  // Values written and not yet seen in the URL, oldest first.
  const pending = useRef<string[]>([]);
  useEffect(() => {
    const index = pending.current.indexOf(inUrl);
    // One of ours arrived: later ones may still come. Anything else (a link, the back button)
    // replaces what was typed.
    pending.current = index >= 0 ? pending.current.slice(index + 1) : [];
    if (pending.current.length === 0) setTyped(null);
  }, [inUrl]);
  const setValue = useCallback(
    (next: string) => {
      pending.current.push(next);
      setTyped(next);
      void setParams({ [key]: next === defaultValue ? null : next });
    },
    [key, defaultValue, setParams],
  );
  return [typed ?? inUrl, setValue];
}

/** A repeated query-string parameter as a list (e.g. the explorer's filters), stable per query string. */
export function useUrlList(key: string): string[] {
  const search = useUrlSearch();
  return useMemo(() => readParamList(search, key), [search, key]);
}
