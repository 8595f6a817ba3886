import { type GovernancePolicy, parseGovernancePolicy } from '../../core/governance/governance-policy.js';
import type { ReleaseTagCost } from '../../core/governance/release-cloud-cost.js';
import type { GovernanceStores, PolicyVersion } from '../../ports/governance-store.js';
import { type ReleaseTagRow, toReleaseTagCosts } from '../sql/release-tag-rows.js';
import { PgChangeStore } from './pg-change-store.js';
import type { PgDatabase } from './pg-database.js';
import { PgDecisionLog } from './pg-decision-log.js';
import { PgDeploymentStore } from './pg-deployment-store.js';
import { isoColumn } from './pg-governance-sql.js';
import { PgIncidentStore } from './pg-incident-store.js';
import { PgRateCardStore } from './pg-ratecard-store.js';
import { PgReleaseStore } from './pg-release-store.js';

/** The governance stores over one PostgreSQL database (server mode). */
export function createPgGovernanceStores(db: PgDatabase): GovernanceStores {
  return {
    rateCards: new PgRateCardStore(db),
    releases: new PgReleaseStore(db),
    deployments: new PgDeploymentStore(db),
    incidents: new PgIncidentStore(db),
    changes: new PgChangeStore(db),
    decisions: new PgDecisionLog(db),
    async releaseTagCosts(): Promise<ReleaseTagCost[]> {
      // Tags are JSONB in PostgreSQL's cost_lines (migration 001).
      const rows = await db.all<ReleaseTagRow>(
        `SELECT billing_currency AS currency, release, version, SUM(effective_cost)::TEXT AS total
         FROM (SELECT billing_currency, effective_cost, tags ->> 'release' AS release, tags ->> 'version' AS version
               FROM cost_lines WHERE tags IS NOT NULL) tagged
         WHERE release IS NOT NULL OR version IS NOT NULL
         GROUP BY 1, 2, 3 ORDER BY billing_currency COLLATE "C", release COLLATE "C", version COLLATE "C"`,
      );
      return toReleaseTagCosts(rows);
    },
    /** The next version is MAX()+1, so applying policies from two processes at once takes turns. */
    savePolicy(policy: GovernancePolicy, appliedBy: string, sourcePath: string): Promise<number> {
      return db.transaction(async () => {
        await db.lockArea('governance:policy');
        const row = await db.one<{ version: number }>(
          'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM governance_policy_versions',
        );
        const version = Number(row!.version);
        await db.run(
          `INSERT INTO governance_policy_versions
           VALUES ($version, $policyVersion, now() AT TIME ZONE 'UTC', $appliedBy, $sourcePath, $json)`,
          { version, policyVersion: policy.version, appliedBy, sourcePath, json: JSON.stringify(policy) },
        );
        return version;
      });
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
