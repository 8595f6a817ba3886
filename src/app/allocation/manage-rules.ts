import { diffRuleSets } from '../../core/allocation/diff-rule-sets.js';
import { parseRuleSet, type RuleSetCheck } from '../../core/allocation/parse-rule-set.js';
import type { CatalogIndex } from '../../core/catalog/catalog-index.js';
import { CatalogIndex as Index } from '../../core/catalog/catalog-index.js';
import { TollgateError } from '../../core/errors.js';
import { parseRecordNumber } from '../../core/record-number.js';
import type { RuleSetVersion } from '../../ports/allocation-stores.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { requireCurrentCatalog, validateCatalogPath } from './manage-catalog.js';
import { invalidFileError, readTextFile } from './read-yaml-sources.js';

/** `0000-01` sorts before every period: the rule set applies from the beginning. */
export const ALL_PERIODS = '0000-01';

async function catalogFor(stores: Stores, catalogPath?: string): Promise<CatalogIndex> {
  if (!catalogPath) return (await requireCurrentCatalog(stores)).index;
  const { catalog, problems } = await validateCatalogPath(catalogPath);
  if (!catalog) throw invalidFileError('CATALOG_INVALID', `The catalogue ${catalogPath}`, problems);
  return new Index(catalog);
}

/** Checks a rule set file against the stored catalogue (or one given by path). */
export async function checkRules(
  stores: Stores,
  path: string,
  catalogPath?: string,
): Promise<RuleSetCheck & { path: string }> {
  const text = await readTextFile(path);
  return { path, ...parseRuleSet({ file: path, text }, await catalogFor(stores, catalogPath)) };
}

/** A valid rule set, or an error that lists every problem by line. */
export async function requireValidRules(stores: Stores, path: string) {
  const check = await checkRules(stores, path);
  if (!check.ruleSet) throw invalidFileError('RULES_INVALID', `The rule set ${path}`, check.problems);
  return { ...check, ruleSet: check.ruleSet };
}

export async function applyRules(
  stores: Stores,
  path: string,
  options: { effectiveFrom?: string | undefined; actor: Actor },
): Promise<{ version: RuleSetVersion; warnings: RuleSetCheck['warnings']; frozenPeriods: string[] }> {
  const check = await requireValidRules(stores, path);
  return storeRuleSet(stores, options.actor, {
    ruleSet: check.ruleSet,
    warnings: check.warnings,
    yamlText: await readTextFile(path),
    sourcePath: path,
    effectiveFrom: options.effectiveFrom ?? check.ruleSet.effectiveFrom ?? ALL_PERIODS,
  });
}

/**
 * Stores a checked rule set as the next version, in one audited transaction: the version, the
 * allocation log's line and one audit entry. The CLI (from a file) and the API (from text) both
 * apply rule sets through here.
 */
export async function storeRuleSet(
  stores: Stores,
  actor: Actor,
  input: {
    ruleSet: NonNullable<RuleSetCheck['ruleSet']>;
    warnings: RuleSetCheck['warnings'];
    yamlText: string;
    sourcePath: string;
    effectiveFrom: string;
  },
): Promise<{ version: RuleSetVersion; warnings: RuleSetCheck['warnings']; frozenPeriods: string[] }> {
  const { effectiveFrom, sourcePath } = input;
  return stores.transaction(async () => {
    const version = await stores.allocation.rules.saveRuleSet({
      appliedBy: actor.name,
      effectiveFrom,
      sourcePath,
      restoredFrom: null,
      yamlText: input.yamlText,
      ruleSet: input.ruleSet,
    });
    await stores.allocation.audit.record({
      actor: actor.name,
      action: 'rules.apply',
      subject: `rules v${version.version}`,
      detail: { path: sourcePath, effectiveFrom },
    });
    const frozenPeriods = await frozenFrom(stores, effectiveFrom);
    await recordAudit(stores, actor, {
      action: 'rules.apply',
      target: `rules:v${version.version}`,
      after: { version: version.version, effectiveFrom, source: sourcePath, frozenPeriods },
    });
    return { version, warnings: input.warnings, frozenPeriods };
  });
}

/** Closed periods a rule set version would otherwise cover: they keep their allocation. */
async function frozenFrom(stores: Stores, effectiveFrom: string): Promise<string[]> {
  return (await stores.allocation.periods.listClosedPeriods())
    .map((closed) => closed.period)
    .filter((period) => period >= effectiveFrom);
}

export async function requireRuleVersion(stores: Stores, text: string): Promise<RuleSetVersion> {
  const number = parseRecordNumber(text.replace(/^v/, ''));
  if (number === undefined) {
    throw new TollgateError(
      'RULES_BAD_VERSION',
      `'${text}' is not a rule set version; use a version number from the rule set history.`,
      'usage',
    );
  }
  const version = await stores.allocation.rules.getRuleSetVersion(number);
  if (!version) {
    throw new TollgateError(
      'RULES_VERSION_NOT_FOUND',
      `There is no rule set version ${number}; the rule set history lists them.`,
      'not-found',
    );
  }
  return version;
}

export async function diffRuleVersions(stores: Stores, first: string, second: string) {
  const before = await requireRuleVersion(stores, first);
  const after = await requireRuleVersion(stores, second);
  return {
    from: { version: before.version, effectiveFrom: before.effectiveFrom },
    to: { version: after.version, effectiveFrom: after.effectiveFrom },
    effectiveFromChanged: before.effectiveFrom !== after.effectiveFrom,
    ...diffRuleSets(before.ruleSet, after.ruleSet),
  };
}

/**
 * Restores an earlier version by applying its text again as a new version (history is never
 * rewritten). It must still be valid against the current catalogue.
 */
export async function restoreRuleVersion(
  stores: Stores,
  text: string,
  options: { effectiveFrom?: string | undefined; actor: Actor },
): Promise<{ version: RuleSetVersion; frozenPeriods: string[] }> {
  const old = await requireRuleVersion(stores, text);
  const { index } = await requireCurrentCatalog(stores);
  const check = parseRuleSet({ file: `rules v${old.version}`, text: old.yamlText }, index);
  if (!check.ruleSet)
    throw invalidFileError(
      'RULES_INVALID',
      `Rule set version ${old.version}, checked against the current catalogue,`,
      check.problems,
    );
  const effectiveFrom = options.effectiveFrom ?? old.effectiveFrom;
  return stores.transaction(async () => {
    const version = await stores.allocation.rules.saveRuleSet({
      appliedBy: options.actor.name,
      effectiveFrom,
      sourcePath: old.sourcePath,
      restoredFrom: old.version,
      yamlText: old.yamlText,
      ruleSet: check.ruleSet!,
    });
    await stores.allocation.audit.record({
      actor: options.actor.name,
      action: 'rules.restore',
      subject: `rules v${version.version}`,
      detail: { restoredFrom: old.version, effectiveFrom },
    });
    const frozenPeriods = await frozenFrom(stores, effectiveFrom);
    await recordAudit(stores, options.actor, {
      action: 'rules.restore',
      target: `rules:v${old.version}`,
      after: { version: version.version, effectiveFrom, frozenPeriods },
    });
    return { version, frozenPeriods };
  });
}
