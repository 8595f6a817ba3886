import type { RuleSet } from '../../../core/allocation/rule-set-model.js';
import type { RuleSetStore, RuleSetVersion } from '../../../ports/allocation-stores.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface RuleRow extends Record<string, unknown> {
  version: number;
  applied_at: string;
  applied_by: string;
  effective_from: string;
  source_path: string;
  restored_from: number | null;
  yaml_text?: string;
  rule_set_json?: string;
}

function toVersion(row: RuleRow): RuleSetVersion {
  return {
    version: Number(row.version),
    appliedAt: row.applied_at,
    appliedBy: row.applied_by,
    effectiveFrom: row.effective_from,
    sourcePath: row.source_path,
    restoredFrom: row.restored_from === null ? null : Number(row.restored_from),
    yamlText: row.yaml_text ?? '',
    ruleSet: JSON.parse(row.rule_set_json ?? '{"tagKeys":"exact","mapping":[],"shared":[]}') as RuleSet,
  };
}

/** Rule set versions, numbered max + 1 and never changed. */
export class SqlRuleStore implements RuleSetStore {
  private readonly columns: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {
    this.columns = `version, ${dialect.isoSecondColumn('applied_at')}, applied_by, effective_from, source_path, restored_from`;
  }

  async saveRuleSet(input: Omit<RuleSetVersion, 'version' | 'appliedAt'>): Promise<RuleSetVersion> {
    return this.db.transaction(async () => {
      // Versions are max + 1: processes saving at once take turns instead of colliding.
      await this.db.lockArea('rules');
      const next = await this.db.one<{ version: number }>(
        'SELECT CAST(COALESCE(max(version), 0) + 1 AS INTEGER) AS version FROM rule_set_versions',
      );
      await this.db.run(
        `INSERT INTO rule_set_versions VALUES ($version, ${this.dialect.nowUtc}, $by, $from, $path, $restored, $yaml, $json)`,
        {
          version: next!.version,
          by: input.appliedBy,
          from: input.effectiveFrom,
          path: input.sourcePath,
          restored: input.restoredFrom,
          yaml: input.yamlText,
          json: JSON.stringify(input.ruleSet),
        },
      );
      return (await this.getRuleSetVersion(next!.version))!;
    });
  }

  async getRuleSetVersion(version: number): Promise<RuleSetVersion | undefined> {
    const row = await this.db.one<RuleRow>(
      `SELECT ${this.columns}, yaml_text, rule_set_json FROM rule_set_versions WHERE version = $version`,
      { version },
    );
    return row ? toVersion(row) : undefined;
  }

  async listRuleSetVersions(): Promise<Omit<RuleSetVersion, 'yamlText' | 'ruleSet'>[]> {
    const rows = await this.db.all<RuleRow>(`SELECT ${this.columns} FROM rule_set_versions ORDER BY version`);
    return rows.map((row) => {
      const { yamlText: _yaml, ruleSet: _rules, ...rest } = toVersion(row);
      return rest;
    });
  }

  async effectiveRuleSet(period: string): Promise<RuleSetVersion | undefined> {
    const row = await this.db.one<RuleRow>(
      `SELECT ${this.columns}, yaml_text, rule_set_json FROM rule_set_versions
       WHERE effective_from <= $period ORDER BY version DESC LIMIT 1`,
      { period },
    );
    return row ? toVersion(row) : undefined;
  }
}
