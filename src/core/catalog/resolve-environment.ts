import type { Environment } from './catalog-model.js';

/**
 * Words that name the same kind of environment in tags. A tag value in one group resolves to the
 * catalogue environment whose id or name is in the same group (`prod` -> `production`, or
 * `production` -> `prod` where the catalogue says prod).
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['production', 'prod', 'prd', 'live'],
  ['staging', 'stage', 'stg', 'preprod', 'pre-prod', 'pre-production'],
  ['development', 'dev', 'develop'],
  ['test', 'testing', 'tst', 'qa'],
  ['sandbox', 'sbx'],
];

/**
 * The catalogue environment a tag value names, or null when it names none (then the cost's
 * environment is unknown, never assumed to be production):
 * 1. trim and lower-case the value; empty is none;
 * 2. a catalogue environment whose id or name is the value, ignoring case;
 * 3. else the value's synonym group, and the one catalogue environment whose id or name is in it.
 */
export function resolveEnvironment(
  value: string | null | undefined,
  environments: readonly Pick<Environment, 'id' | 'name'>[],
): string | null {
  const wanted = value?.trim().toLowerCase() ?? '';
  if (wanted === '') return null;
  const words = (environment: Pick<Environment, 'id' | 'name'>) => [
    environment.id.toLowerCase(),
    environment.name.toLowerCase(),
  ];
  const exact = environments.find((environment) => words(environment).includes(wanted));
  if (exact) return exact.id;
  const group = SYNONYMS.find((names) => names.includes(wanted));
  if (!group) return null;
  const matches = environments.filter((environment) =>
    words(environment).some((word) => group.includes(word)),
  );
  return matches.length === 1 ? matches[0]!.id : null;
}
