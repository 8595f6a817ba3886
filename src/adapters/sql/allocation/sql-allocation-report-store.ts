import type {
  AllocatedLineDetail,
  AllocationReportStore,
  AmountByRule,
  QualityFigures,
  StatementRow,
} from '../../../ports/allocation-report-store.js';
import type { OwnerDimension } from '../../../ports/allocation-run-store.js';
import { periodBounds } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { AllocationEngine } from './allocation-engine.js';

const OWNER_COLUMN: Record<OwnerDimension, string> = {
  team: 'a.team',
  service: 'a.service',
  cost_centre: 'a.cost_centre',
  business_unit: 'a.business_unit',
  environment: 'a.environment',
};

/** Read-only questions over allocated lines and the cost lines behind them, on either engine. */
export class SqlAllocationReportStore implements AllocationReportStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
    private readonly engine: AllocationEngine,
  ) {}

  async amountsByRule(period: string, dimension: OwnerDimension, owner: string): Promise<AmountByRule[]> {
    const rows = await this.db.all<{
      kind: AmountByRule['kind'];
      rule_id: string | null;
      method: string | null;
      driver: string | null;
      currency: string;
      lines: string;
      billed: string;
      effective: string;
    }>(
      `SELECT kind, rule_id, method, driver, currency, CAST(count(*) AS TEXT) AS lines,
         CAST(sum(billed_cost) AS TEXT) AS billed, CAST(sum(effective_cost) AS TEXT) AS effective
       FROM allocated_lines a WHERE period = $period AND ${OWNER_COLUMN[dimension]} = $owner
       GROUP BY 1, 2, 3, 4, 5 ORDER BY currency, abs(sum(effective_cost)) DESC NULLS LAST, rule_id`,
      { period, owner },
    );
    return rows.map((row) => ({
      kind: row.kind,
      ruleId: row.rule_id,
      method: row.method,
      driver: row.driver,
      currency: row.currency,
      lines: Number(row.lines),
      billedCost: row.billed,
      effectiveCost: row.effective,
    }));
  }

  async largestLines(
    period: string,
    dimension: OwnerDimension,
    owner: string,
    limit: number,
  ): Promise<AllocatedLineDetail[]> {
    const rows = await this.db.all<Record<string, string | null>>(
      `SELECT CAST(a.load_id AS TEXT) AS load_id, a.source_file, CAST(a.source_row AS TEXT) AS source_row,
         c.provider_name, c.service_name, c.resource_id, c.charge_category, a.kind, a.rule_id, a.currency,
         CAST(a.billed_cost AS TEXT) AS billed, CAST(a.effective_cost AS TEXT) AS effective
       FROM ${this.engine.allocatedJoin} WHERE a.period = $period AND ${OWNER_COLUMN[dimension]} = $owner
       ORDER BY abs(a.effective_cost) DESC NULLS LAST, a.load_id, a.source_file, a.source_row LIMIT $limit`,
      { period, owner, limit },
    );
    return rows.map((row) => ({
      loadId: Number(row.load_id),
      sourceFile: row.source_file!,
      sourceRow: Number(row.source_row),
      providerName: row.provider_name ?? null,
      serviceName: row.service_name ?? null,
      resourceId: row.resource_id ?? null,
      chargeCategory: row.charge_category ?? null,
      kind: row.kind!,
      ruleId: row.rule_id ?? null,
      currency: row.currency!,
      day: row.day!,
      billedCost: row.billed!,
      effectiveCost: row.effective!,
    }));
  }

  async statementRows(period: string, team: string): Promise<StatementRow[]> {
    const rows = await this.db.all<Record<string, string | null>>(
      // A line without a charge period is dated its billing period's first day.
      `SELECT a.kind, a.rule_id, a.method, a.driver, a.service, c.provider_name, c.service_name, c.charge_category, a.currency,
         ${this.dialect.dayLabel('COALESCE(c.charge_period_start, c.billing_period_start)')} AS day, a.environment,
         CAST(sum(a.billed_cost) AS TEXT) AS billed, CAST(sum(a.effective_cost) AS TEXT) AS effective
       FROM ${this.engine.allocatedJoin} WHERE a.period = $period AND a.team = $team
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ORDER BY a.currency, a.kind, a.rule_id, a.service, c.provider_name, c.service_name, c.charge_category, day, a.environment`,
      { period, team },
    );
    return rows.map((row) => ({
      kind: row.kind as StatementRow['kind'],
      ruleId: row.rule_id ?? null,
      method: row.method ?? null,
      driver: row.driver ?? null,
      service: row.service ?? null,
      providerName: row.provider_name ?? null,
      serviceName: row.service_name ?? null,
      chargeCategory: row.charge_category ?? null,
      environment: row.environment ?? null,
      currency: row.currency!,
      day: row.day!,
      billedCost: row.billed!,
      effectiveCost: row.effective!,
    }));
  }

  /**
   * Tag hygiene of one period's cost lines (effective cost): tag keys are read ignoring case,
   * as real tags arrive as `team`, `Team` and `TEAM`.
   */
  async qualityFigures(
    input: Parameters<AllocationReportStore['qualityFigures']>[0],
  ): Promise<QualityFigures> {
    const bounds = periodBounds(input.period);
    const where =
      'billing_period_start >= CAST($start AS TIMESTAMP) AND billing_period_start < CAST($end AS TIMESTAMP)';
    const tag = (param: string) => this.engine.sqlDialect.tagValueIgnoreCase('tags', `$${param}`);
    const totals = await this.db.all<{ currency: string; effective: string }>(
      `SELECT billing_currency AS currency, ${this.dialect.moneyText('COALESCE(sum(effective_cost), 0)')} AS effective
       FROM cost_lines WHERE ${where} GROUP BY 1 ORDER BY 1`,
      bounds,
    );
    const tagCoverage: QualityFigures['tagCoverage'] = [];
    for (const key of input.requiredTags) {
      const rows = await this.db.all<{ currency: string; tagged: string }>(
        `SELECT billing_currency AS currency,
           ${this.dialect.moneyText(`COALESCE(sum(CASE WHEN COALESCE(${tag('key')}, '') <> '' THEN effective_cost END), 0)`)} AS tagged
         FROM cost_lines WHERE ${where} GROUP BY 1 ORDER BY 1`,
        { ...bounds, key },
      );
      tagCoverage.push(...rows.map((row) => ({ tag: key, currency: row.currency, taggedCost: row.tagged })));
    }
    const unknownTagValues: QualityFigures['unknownTagValues'] = [];
    for (const [key, known] of Object.entries(input.knownValues)) {
      const rows = await this.db.all<{ value: string; currency: string; effective: string }>(
        `SELECT value, currency, CAST(sum(effective_cost) AS TEXT) AS effective FROM (
           SELECT ${tag('key')} AS value, billing_currency AS currency, effective_cost FROM cost_lines WHERE ${where}
         ) tagged WHERE COALESCE(value, '') <> ''
           AND value NOT IN (SELECT r.value FROM ${this.dialect.jsonRows('known', [['value', 'TEXT']])})
         GROUP BY 1, 2 ORDER BY abs(sum(effective_cost)) DESC NULLS LAST LIMIT $top`,
        { ...bounds, key, known: JSON.stringify(known.map((value) => ({ value }))), top: input.top },
      );
      unknownTagValues.push(
        ...rows.map((row) => ({
          tag: key,
          value: row.value,
          currency: row.currency,
          effectiveCost: row.effective,
        })),
      );
    }
    const missingAny =
      input.requiredTags.length === 0
        ? 'FALSE'
        : input.requiredTags.map((_, index) => `COALESCE(${tag(`t${index}`)}, '') = ''`).join(' OR ');
    const untagged = await this.db.all<{
      resource_id: string | null;
      service_name: string | null;
      currency: string;
      effective: string;
    }>(
      `SELECT resource_id, min(service_name) AS service_name, billing_currency AS currency,
         CAST(sum(effective_cost) AS TEXT) AS effective
       FROM cost_lines WHERE ${where} AND (${missingAny})
       GROUP BY resource_id, billing_currency ORDER BY sum(effective_cost) DESC NULLS LAST, resource_id LIMIT $top`,
      {
        ...bounds,
        top: input.top,
        ...Object.fromEntries(input.requiredTags.map((key, index) => [`t${index}`, key])),
      },
    );
    return {
      totals: totals.map((row) => ({ currency: row.currency, effectiveCost: row.effective })),
      tagCoverage,
      unknownTagValues,
      untaggedResources: untagged.map((row) => ({
        resourceId: row.resource_id ?? null,
        serviceName: row.service_name ?? null,
        currency: row.currency,
        effectiveCost: row.effective,
      })),
    };
  }
}
