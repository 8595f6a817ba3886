import { maskIdentifier } from './mask-identifier.js';

/**
 * Masks every occurrence of the given identifiers anywhere in a JSON value: in the fields that
 * hold them and in every other text that carries them (a file path named after an account, a
 * message quoting a resource). Longer identifiers are replaced first, so one that contains
 * another is masked whole.
 */
export function maskSecrets<T>(value: T, secrets: Iterable<string | null>): T {
  const ordered = [...new Set([...secrets].filter((secret): secret is string => !!secret))].sort(
    (a, b) => b.length - a.length,
  );
  if (ordered.length === 0) return value;
  const maskText = (text: string) =>
    ordered.reduce((masked, secret) => masked.replaceAll(secret, maskIdentifier(secret)!), text);
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return maskText(item);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object')
      return Object.fromEntries(Object.entries(item).map(([key, field]) => [key, walk(field)]));
    return item;
  };
  return walk(value) as T;
}
