/**
 * The value of one tag of a line, the key given as a SQL expression (a bound parameter).
 * The key becomes a JSON Pointer (RFC 6901: `~` -> `~0`, `/` -> `~1`), which has no other
 * special characters, rather than a JSONPath, where a key such as `\` or `*` broke the path
 * (a binder error) or became a wildcard (an array instead of a value).
 */
export function duckDbTagValue(tags: string, key: string): string {
  return `json_extract_string(${tags}, '/' || replace(replace(${key}, '~', '~0'), '/', '~1'))`;
}
