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

/** The tag keys that carry a line's environment, in the order they are read (the first that resolves wins). */
export const ENVIRONMENT_TAG_KEYS = ['env', 'environment'] as const;

/** One tag word (trimmed, lower-case) and the catalogue environment it names. */
export interface EnvironmentAlias {
  word: string;
  environment: string;
}

/**
 * How a tag value is compared: spaces trimmed and lower-cased, exactly what the allocation's
 * SQL does with lower(trim(..)) (SQL's trim removes spaces only, so this does too).
 */
export function normaliseEnvironmentWord(value: string | null | undefined): string {
  return value?.replace(/^ +| +$/g, '').toLowerCase() ?? '';
}

/**
 * Every tag word that names a catalogue environment: the whole of the mapping, so the
 * allocation's SQL and resolveEnvironment cannot differ.
 * 1. each synonym group whose words name exactly one catalogue environment (by id or name,
 *    ignoring case) maps all its words to it; a group naming two is left out (never guessed);
 * 2. every environment's id and name map to it, over the synonyms; where two environments
 *    share a word, the first in the catalogue keeps it.
 */
export function listEnvironmentAliases(
  environments: readonly Pick<Environment, 'id' | 'name'>[],
): EnvironmentAlias[] {
  const words = (environment: Pick<Environment, 'id' | 'name'>) => [
    environment.id.toLowerCase(),
    environment.name.toLowerCase(),
  ];
  const aliases = new Map<string, string>();
  for (const group of SYNONYMS) {
    const matches = environments.filter((environment) =>
      words(environment).some((word) => group.includes(word)),
    );
    if (matches.length === 1) for (const word of group) aliases.set(word, matches[0]!.id);
  }
  for (const environment of [...environments].reverse())
    for (const word of words(environment)) aliases.set(word, environment.id);
  return [...aliases.entries()]
    .map(([word, environment]) => ({ word, environment }))
    .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/**
 * The catalogue environment a tag value names, or null when it names none (then the cost's
 * environment is unknown, never assumed to be production): the value, trimmed and lower-cased,
 * looked up in listEnvironmentAliases.
 */
export function resolveEnvironment(
  value: string | null | undefined,
  environments: readonly Pick<Environment, 'id' | 'name'>[],
): string | null {
  return lookupEnvironment(value, listEnvironmentAliases(environments));
}

/** resolveEnvironment over aliases listed once (for many values). */
export function lookupEnvironment(
  value: string | null | undefined,
  aliases: readonly EnvironmentAlias[],
): string | null {
  const wanted = normaliseEnvironmentWord(value);
  if (wanted === '') return null;
  return aliases.find((alias) => alias.word === wanted)?.environment ?? null;
}

/**
 * A line's environment from its tags: the `env` tag's, else the `environment` tag's, each
 * resolved through the aliases; null when neither names a catalogue environment.
 */
export function resolveTaggedEnvironment(
  tagValues: readonly (string | null | undefined)[],
  aliases: readonly EnvironmentAlias[],
): string | null {
  for (const value of tagValues) {
    const environment = lookupEnvironment(value, aliases);
    if (environment !== null) return environment;
  }
  return null;
}

/**
 * The kind of environment a tag value names when the catalogue has none for it: the synonym
 * group's first word (`prd` -> `production`), or null when the value is no known environment word.
 */
export function nameEnvironmentKind(value: string | null | undefined): string | null {
  const wanted = normaliseEnvironmentWord(value);
  return SYNONYMS.find((group) => group.includes(wanted))?.[0] ?? null;
}
