/** Pure query-string helpers (no window), so they are unit-tested under Node. */

export function readParam(search: string, key: string): string | null {
  return new URLSearchParams(search).get(key);
}

/** Applies changes to a query string (null or '' removes a key) and returns it with its '?'. */
export function writeParams(search: string, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function readParamList(search: string, key: string): string[] {
  return new URLSearchParams(search).getAll(key);
}

/** Replaces every value of `key` with `values` (in order), keeping the other keys. */
export function writeParamList(search: string, key: string, values: readonly string[]): string {
  const params = new URLSearchParams(search);
  params.delete(key);
  for (const value of values) if (value !== '') params.append(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
