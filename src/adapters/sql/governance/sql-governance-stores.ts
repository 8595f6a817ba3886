import type { GovernancePolicy } from '../../../core/governance/governance-policy.js';
import type { GovernanceStores, PolicyVersion } from '../../../ports/governance-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import { readReleaseTagCosts } from './release-tag-costs.js';
import { SqlChangeStore } from './sql-change-store.js';
import { type DecisionAppender, SqlDecisionLog } from './sql-decision-log.js';
import { SqlDeploymentStore } from './sql-deployment-store.js';
import { SqlIncidentStore } from './sql-incident-store.js';
import { SqlRateCardStore } from './sql-rate-card-store.js';
import { SqlReleaseStore } from './sql-release-store.js';
import { SqlReviewStore } from './sql-review-store.js';

/**
 * Every governance store over one database, the same SQL on both engines; the composition
 * root gives the engine's decision appender, the one part that differs.
 */
export function createSqlGovernanceStores(
  db: SqlDatabase,
  dialect: SqlDialect,
  decisionAppender: DecisionAppender,
): GovernanceStores {
  return {
    rateCards: new SqlRateCardStore(db, dialect),
    releases: new SqlReleaseStore(db, dialect),
    deployments: new SqlDeploymentStore(db, dialect),
    incidents: new SqlIncidentStore(db, dialect),
    changes: new SqlChangeStore(db, dialect),
    decisions: new SqlDecisionLog(db, dialect, decisionAppender),
    releaseTagCosts: (throughDay?: string) => readReleaseTagCosts(db, dialect, throughDay),
    reviews: new SqlReviewStore(db, dialect),
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
           VALUES ($version, $policyVersion, ${dialect.nowUtc}, $appliedBy, $sourcePath, $json)`,
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
        `SELECT version, ${dialect.isoColumn('applied_at')}, applied_by, source_path, policy_json
         FROM governance_policy_versions ORDER BY version DESC LIMIT 1`,
      );
      if (!row) return undefined;
      // The policy schema is zod (about 95 modules): loaded when a policy is read, not by every
      // command that opens the stores (npm run bench:cli).
      const { parseGovernancePolicy } = await import('../../../core/governance/governance-policy.js');
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
