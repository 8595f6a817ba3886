import { type GovernancePolicy, parseGovernancePolicy } from '../../core/governance/governance-policy.js';
import type { ReleaseTagCost } from '../../core/governance/release-cloud-cost.js';
import type { GovernanceStores, PolicyVersion } from '../../ports/governance-store.js';
import { type ReleaseTagRow, toReleaseTagCosts } from '../sql/release-tag-rows.js';
import { DuckDbChangeStore } from './duckdb-change-store.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { DuckDbDecisionLog } from './duckdb-decision-log.js';
import { DuckDbDeploymentStore } from './duckdb-deployment-store.js';
import { isoColumn } from './duckdb-governance-sql.js';
import { DuckDbIncidentStore } from './duckdb-incident-store.js';
import { DuckDbRateCardStore } from './duckdb-ratecard-store.js';
import { DuckDbReleaseStore } from './duckdb-release-store.js';

/** The governance stores over one DuckDB database. */
export function createDuckDbGovernanceStores(db: DuckDbDatabase): GovernanceStores {
  return {
    rateCards: new DuckDbRateCardStore(db),
    releases: new DuckDbReleaseStore(db),
    deployments: new DuckDbDeploymentStore(db),
    incidents: new DuckDbIncidentStore(db),
    changes: new DuckDbChangeStore(db),
    decisions: new DuckDbDecisionLog(db),
    async releaseTagCosts(): Promise<ReleaseTagCost[]> {
      const rows = await db.all<ReleaseTagRow>(
        `SELECT billing_currency AS currency, release, version, SUM(effective_cost)::VARCHAR AS total
         FROM (SELECT billing_currency, effective_cost, json_extract_string(tags, '$.release') AS release,
                 json_extract_string(tags, '$.version') AS version
               FROM cost_lines WHERE tags IS NOT NULL)
         WHERE release IS NOT NULL OR version IS NOT NULL
         GROUP BY ALL ORDER BY ALL`,
      );
      return toReleaseTagCosts(rows);
    },
    async savePolicy(policy: GovernancePolicy, appliedBy: string, sourcePath: string): Promise<number> {
      const row = await db.one<{ version: number }>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM governance_policy_versions',
      );
      const version = Number(row!.version);
      await db.run(
        'INSERT INTO governance_policy_versions VALUES ($version, $policyVersion, now()::TIMESTAMP, $appliedBy, $sourcePath, $json)',
        { version, policyVersion: policy.version, appliedBy, sourcePath, json: JSON.stringify(policy) },
      );
      return version;
    },
    async currentPolicy(): Promise<PolicyVersion | undefined> {
      const row = await db.one<{
        version: number;
        applied_at: string;
        applied_by: string;
        source_path: string;
        policy_json: string;
      }>(
        `SELECT version, ${isoColumn('applied_at')}, applied_by, source_path, policy_json FROM governance_policy_versions
         ORDER BY version DESC LIMIT 1`,
      );
      if (!row) return undefined;
      return {
        version: Number(row.version),
        appliedAt: row.applied_at,
        appliedBy: row.applied_by,
        sourcePath: row.source_path,
        policy: parseGovernancePolicy(JSON.parse(row.policy_json)),
      };
    },
  };
}
