import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { TollgateError } from '../../core/errors.js';
import { buildFocusRules, type RuleLevel } from '../../core/focus/check/focus-check-rules.js';
import type { Stores } from '../../ports/stores.js';

export interface FocusRuleFailure {
  id: string;
  level: RuleLevel;
  description: string;
  /** Rows that break the rule; for a missing column, every row. */
  rows: number;
}

export interface FocusCheckResult {
  file: string;
  version: string;
  rows: number;
  rulesChecked: number;
  failures: FocusRuleFailure[];
  mustFailures: number;
  shouldFailures: number;
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Checks a FOCUS file (CSV or Parquet) against the specification's column rules, read by the
 * file engine (DuckDB) as text: each failed rule with its id, level and the rows that break it.
 * Nothing is stored; an unreadable file is refused with what to do.
 */
export async function checkFocusFile(stores: Stores, file: string): Promise<FocusCheckResult> {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new TollgateError(
      'FOCUS_CHECK_NO_FILE',
      `${file} does not exist; give the path of a FOCUS CSV or Parquet file.`,
      'not-found',
    );
  }
  const source = /\.parquet$/i.test(path)
    ? `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${quoteLiteral(path)}))`
    : `read_csv(${quoteLiteral(path)}, header = true, all_varchar = true)`;
  let header: string[];
  try {
    const described = await stores.fileEngine.all<{ column_name: string }>(
      `DESCRIBE SELECT * FROM ${source}`,
    );
    header = described.map((row) => row.column_name);
  } catch (error) {
    throw new TollgateError(
      'FOCUS_CHECK_UNREADABLE',
      `${file} could not be read as CSV or Parquet (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); check that it is a FOCUS export with a header line.`,
      'invalid-input',
    );
  }
  const { version, rules, missing } = buildFocusRules(header);
  const rowRules = rules.filter((rule) => rule.failing !== null);
  const [counts] = await stores.fileEngine.all<Record<string, string | number | bigint | null>>(
    `SELECT COUNT(*) AS total${rowRules.map((rule, index) => `, SUM(CASE WHEN ${rule.failing} THEN 1 ELSE 0 END) AS r${index}`).join('')} FROM ${source}`,
  );
  const rows = Number(counts?.total ?? 0);
  const failures: FocusRuleFailure[] = [
    ...missing.map((rule) => ({ id: rule.id, level: rule.level, description: rule.description, rows })),
    ...rowRules
      .map((rule, index) => ({
        id: rule.id,
        level: rule.level,
        description: rule.description,
        rows: Number(counts?.[`r${index}`] ?? 0),
      }))
      .filter((failure) => failure.rows > 0),
  ];
  return {
    file: path,
    version,
    rows,
    rulesChecked: rules.length,
    failures,
    mustFailures: failures.filter((failure) => failure.level === 'MUST').length,
    shouldFailures: failures.filter((failure) => failure.level === 'SHOULD').length,
  };
}
