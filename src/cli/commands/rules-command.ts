import type { Command } from 'commander';
import {
  applyRules,
  checkRules,
  diffRuleVersions,
  restoreRuleVersion,
} from '../../app/allocation/manage-rules.js';
import { previewRules } from '../../app/allocation/preview-rules.js';
import { invalidFileError } from '../../app/allocation/read-yaml-sources.js';
import { parsePeriod } from '../../core/allocation/billing-period.js';
import { formatProblem } from '../../core/catalog/yaml-document.js';
import { TollgateError } from '../../core/errors.js';
import type { OwnerDimension } from '../../ports/allocation-run-store.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { formatAmount } from '../output/format-amount.js';
import { renderOwnerSources } from '../output/render-owner-sources.js';
import { renderTable } from '../output/render-table.js';

const DIMENSIONS: Record<string, OwnerDimension> = {
  team: 'team',
  service: 'service',
  'cost-centre': 'cost_centre',
  'business-unit': 'business_unit',
  environment: 'environment',
};

function effectiveFromOption(text: string | undefined): string | undefined {
  return text === undefined ? undefined : parsePeriod(text, '--effective-from');
}
export async function runRulesCheck(
  file: string,
  flags: { catalog?: string; json?: boolean },
  command: Command,
) {
  const check = await withStores(command, (stores) => checkRules(stores, file, flags.catalog));
  if (flags.json)
    printJson({
      path: file,
      valid: check.ruleSet !== undefined,
      problems: check.problems,
      warnings: check.warnings,
      mappingRules: check.ruleSet?.mapping.length ?? null,
      sharedRules: check.ruleSet?.shared.length ?? null,
    });
  if (!check.ruleSet) throw invalidFileError('RULES_INVALID', `The rule set ${file}`, check.problems);
  if (!flags.json) {
    process.stdout.write(
      `${file} is valid: ${check.ruleSet.mapping.length} mapping rules, ${check.ruleSet.shared.length} shared-cost rules.\n`,
    );
    for (const warning of check.warnings) process.stdout.write(`warning: ${formatProblem(warning)}\n`);
  }
}

export async function runRulesPreview(
  file: string,
  flags: { period: string; by: string; json?: boolean },
  command: Command,
) {
  const dimension = DIMENSIONS[flags.by];
  if (!dimension)
    throw new TollgateError(
      'RULES_BAD_DIMENSION',
      `--by ${flags.by} is not one of ${Object.keys(DIMENSIONS).join(', ')}.`,
      'usage',
    );
  const preview = await withStores(command, (stores) =>
    previewRules(stores, file, flags.period, dimension, { period: '--period' }),
  );
  if (flags.json) return printJson(preview);
  const out: string[] = [
    `Preview of ${file} for ${preview.period} against ${preview.currentVersion === null ? 'no rule set (everything unallocated)' : `rule set v${preview.currentVersion}`} (effective cost). Nothing was stored.`,
  ];
  if (preview.moves.length === 0) out.push('No cost moves between owners.');
  else
    out.push(
      renderTable(
        [flags.by, 'currency', 'before', 'after', 'change'],
        preview.moves.map((move) => [
          move.owner ?? '(none)',
          move.currency,
          formatAmount(move.before),
          formatAmount(move.after),
          formatAmount(move.change),
        ]),
        [2, 3, 4],
      ),
    );
  out.push(
    `With the candidate, each ${flags.by}'s cost by how it was assigned (rule + mapping + unallocated = ingested):`,
    renderOwnerSources(flags.by, preview.sources),
  );
  for (const row of preview.unallocated)
    out.push(
      `Unallocated ${row.currency}: ${formatAmount(row.before)} (${row.beforeShare}%) -> ${formatAmount(row.after)} (${row.afterShare}%) of ${formatAmount(row.total)}`,
    );
  for (const split of preview.emptySplits)
    out.push(`note: ${split.ruleId} (${split.currency}) stays unallocated: ${split.reason}`);
  for (const warning of preview.warnings) out.push(`warning: ${warning}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function runRulesApply(
  file: string,
  flags: { effectiveFrom?: string; json?: boolean },
  command: Command,
) {
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    applyRules(stores, file, { effectiveFrom: effectiveFromOption(flags.effectiveFrom), actor }),
  );
  if (flags.json) {
    const { yamlText: _yaml, ruleSet: _rules, ...version } = result.version;
    return printJson({ ...version, warnings: result.warnings, frozenPeriods: result.frozenPeriods });
  }
  const from = result.version.effectiveFrom === '0000-01' ? 'every period' : result.version.effectiveFrom;
  const out = [
    `Rule set version ${result.version.version} applied from ${file}, effective from ${from}. Run tollgate allocate to use it.`,
  ];
  if (result.frozenPeriods.length > 0)
    out.push(`Closed periods keep their allocation: ${result.frozenPeriods.join(', ')}.`);
  for (const warning of result.warnings) out.push(`warning: ${formatProblem(warning)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function runRulesHistory(flags: { json?: boolean }, command: Command) {
  const versions = await withStores(command, (stores) => stores.allocation.rules.listRuleSetVersions());
  if (flags.json) return printJson(versions);
  if (versions.length === 0)
    return void process.stdout.write('No rule set applied yet: tollgate rules apply <file>\n');
  process.stdout.write(
    `${renderTable(
      ['version', 'effective from', 'applied at', 'by', 'source', 'restored from'],
      versions.map((version) => [
        String(version.version),
        version.effectiveFrom === '0000-01' ? 'all' : version.effectiveFrom,
        version.appliedAt,
        version.appliedBy,
        version.sourcePath,
        version.restoredFrom === null ? '' : `v${version.restoredFrom}`,
      ]),
    )}\n`,
  );
}

export async function runRulesDiff(
  first: string,
  second: string,
  flags: { json?: boolean },
  command: Command,
) {
  const diff = await withStores(command, (stores) => diffRuleVersions(stores, first, second));
  if (flags.json) return printJson(diff);
  const out = [`Rule set v${diff.from.version} -> v${diff.to.version}`];
  if (diff.effectiveFromChanged)
    out.push(`effective from: ${diff.from.effectiveFrom} -> ${diff.to.effectiveFrom}`);
  if (diff.tagKeysChanged) out.push('tag_keys changed');
  if (diff.changes.length === 0) out.push('No rule changed.');
  for (const change of diff.changes) {
    const where = `${change.before ? `#${change.before.position}` : ''}${change.before && change.after ? ' -> ' : ''}${change.after ? `#${change.after.position}` : ''}`;
    out.push(`${change.change.padEnd(8)} ${change.list} rule ${change.id} (${where})`);
    if (change.change === 'changed') {
      out.push(`  before: ${JSON.stringify(change.before!.rule)}`);
      out.push(`  after:  ${JSON.stringify(change.after!.rule)}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function runRulesRestore(
  version: string,
  flags: { effectiveFrom?: string; json?: boolean },
  command: Command,
) {
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    restoreRuleVersion(stores, version, { effectiveFrom: effectiveFromOption(flags.effectiveFrom), actor }),
  );
  if (flags.json) {
    const { yamlText: _yaml, ruleSet: _rules, ...stored } = result.version;
    return printJson({ ...stored, frozenPeriods: result.frozenPeriods });
  }
  process.stdout.write(
    `Rule set version ${result.version.restoredFrom} restored as version ${result.version.version}. Run tollgate allocate to use it.\n`,
  );
}
