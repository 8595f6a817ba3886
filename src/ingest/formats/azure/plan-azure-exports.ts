import { basename } from 'node:path';
import { quoteLiteral } from '../../../adapters/sql/sql-text.js';
import type { SqlEngine } from '../../../ports/sql-engine.js';
import { parseTimestampSql } from '../../focus/focus-row-checks.js';
import type { ProviderFormat } from '../provider-format.js';
import { azureColumn, commitmentRowSql } from './azure-columns.js';
import { type AzureCostKind, azureCostFormat } from './azure-cost-format.js';

/** One Azure export of a load: its header and how it is read (its SQL source). */
export interface AzureExportFile {
  path: string;
  header: string[];
  source: string;
}

export interface PlannedAzureExport {
  format: ProviderFormat;
  /** A load warning (kind -> count), when a figure of the file lacks what another export holds. */
  warnings: Record<string, number>;
}

interface ExportFacts {
  file: AzureExportFile;
  kind: AzureCostKind;
  /** `account|period start` of every row, as the pairing compares them. */
  keys: string[];
  keySql: string;
}

/**
 * Tells each Azure export of one load whether it is actual or amortised cost, and pairs them.
 * 1. Read each file once for what marks its kind: the unused part of a commitment, or usage a
 *    commitment covered at a non-zero cost, is amortised; a commitment purchase is actual.
 *    A file with neither reads the same either way; its name decides (`Amortized` in it).
 * 2. Note each file's billing accounts and periods.
 * 3. An account and period that an actual and an amortised export both hold is paired: the
 *    amortised gives its lines, the actual only its commitment purchases (azureCostFormat).
 * 4. An amortised export with no actual one for an account and period is read alone, and the
 *    load warns that its billed cost lacks the commitment purchases.
 */
export async function planAzureExports(
  engine: SqlEngine,
  files: readonly AzureExportFile[],
): Promise<Map<string, PlannedAzureExport>> {
  const facts: ExportFacts[] = [];
  for (const file of files) facts.push(await readExportFacts(engine, file));
  const planned = new Map<string, PlannedAzureExport>();
  for (const fact of facts) {
    const other: AzureCostKind = fact.kind === 'actual' ? 'amortised' : 'actual';
    const companions = new Set(facts.filter((f) => f.kind === other).flatMap((f) => f.keys));
    const paired = fact.keys.filter((key) => companions.has(key));
    const pairedSql =
      paired.length > 0 ? `${fact.keySql} IN (${paired.map(quoteLiteral).join(', ')})` : 'false';
    const alone = fact.keys.length - paired.length;
    planned.set(fact.file.path, {
      format: azureCostFormat({ kind: fact.kind, paired: pairedSql }),
      warnings:
        fact.kind === 'amortised' && alone > 0 ? { 'azure:amortised-without-actual-export': alone } : {},
    });
  }
  return planned;
}

async function readExportFacts(engine: SqlEngine, file: AzureExportFile): Promise<ExportFacts> {
  const used = new Set<string>();
  const col = (field: Parameters<typeof azureColumn>[2]) => azureColumn(file.header, used, field);
  const chargeType = col('chargeType');
  const row = commitmentRowSql(chargeType, col('pricingModel'));
  const cost = col('cost');
  const keySql = `(coalesce(${col('billingAccountId')}, '') || '|' || coalesce(strftime(${parseTimestampSql(col('billingPeriodStart'))}, '%Y-%m-%d'), ${col('billingPeriodStart')}, ''))`;
  type Facts = { amortised: boolean | null; actual: boolean | null; keys: string[] | null };
  // A file that cannot be read is reported by the staging step, in its own words.
  const [facts] = await engine
    .all<Facts>(
      `SELECT bool_or(${row.unused} OR (${row.coveredUsage} AND TRY_CAST(${cost} AS DECIMAL(38,16)) <> 0)) AS amortised,
       bool_or(${row.purchase}) AS actual,
       list(DISTINCT ${keySql} ORDER BY ${keySql}) AS keys
     FROM ${file.source} provider_rows`,
    )
    .catch((): Facts[] => []);
  const byName: AzureCostKind = /amorti[sz]ed/i.test(basename(file.path)) ? 'amortised' : 'actual';
  const kind: AzureCostKind = facts?.amortised ? 'amortised' : facts?.actual ? 'actual' : byName;
  return { file, kind, keys: facts?.keys ?? [], keySql };
}
