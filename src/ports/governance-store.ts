import type { GateDecision } from '../core/governance/gate/decide-deployment.js';
import type { GovernancePolicy } from '../core/governance/governance-policy.js';
import type { ReleaseTagCost } from '../core/governance/releases/release-cloud-cost.js';
import type { ChangeStore } from './change-store.js';
import type { DeploymentStore } from './deployment-store.js';
import type { IncidentStore } from './incident-store.js';
import type { RateCardStore } from './ratecard-store.js';
import type { ReleaseStore } from './release-store.js';
import type { ReviewStore } from './review-store.js';

export interface PolicyVersion {
  version: number;
  appliedAt: string;
  appliedBy: string;
  sourcePath: string;
  policy: GovernancePolicy;
}

export interface GovernanceDecision {
  seq: number;
  at: string;
  /** gate, approval, rejection, sign-off, break-glass, freeze, policy.apply, ratecard.apply, release.close */
  kind: string;
  subject: string;
  actor: string;
  decision: string;
  inputs: unknown;
  result: unknown;
}

/** Which decision-log entries to list: by kind and subject, a page after a number. */
export interface DecisionFilter {
  kind?: string | undefined;
  subject?: string | undefined;
  /** Entries numbered after this one (the last of the previous page). */
  afterSeq?: number | undefined;
  /** At most this many entries. */
  limit?: number | undefined;
}

/**
 * Which gate decisions to list, by the moment each was asked about (the request's own time,
 * which a pipeline may state; not when the entry was logged) and by the change it names. The
 * conditions given all hold; an empty filter lists every gate decision.
 */
export interface GateDecisionFilter {
  /** Asked about a moment at or after this time (ISO-8601). */
  from?: string | undefined;
  /** ... and before this one. */
  to?: string | undefined;
  /** Naming one of these change requests. */
  changeIds?: readonly string[] | undefined;
}

/** A gate decision as logged, without the inputs it was made from (they are most of an entry). */
export interface LoggedGateResult {
  seq: number;
  decision: GateDecision;
}

/** The append-only decision log: entries are added and read, never changed or removed. */
export interface DecisionLog {
  appendDecision(entry: Omit<GovernanceDecision, 'seq' | 'at'> & { at?: string }): Promise<number>;
  /**
   * Several entries in one write, numbered in the order given. With `{ numbers: false }` the
   * caller does not need the numbers, and an adapter may answer [] without reading them back.
   */
  appendDecisions(
    entries: Omit<GovernanceDecision, 'seq' | 'at'>[],
    options?: { numbers: boolean },
  ): Promise<number[]>;
  /**
   * Entries oldest first, by kind and subject; a page of at most `limit` entries after
   * `afterSeq` (the last number of the previous page) when given, so a reader of a long log
   * never reads it whole.
   */
  listDecisions(filter?: DecisionFilter): Promise<GovernanceDecision[]>;
  /**
   * Gate decisions (kind `gate`), oldest first, each with its result only: a report over a
   * period reads the decisions about that period, never the whole log with every input.
   */
  listGateDecisions(filter: GateDecisionFilter): Promise<LoggedGateResult[]>;
}

/** Every store of release and deployment governance, over the same database as the others. */
export interface GovernanceStores {
  rateCards: RateCardStore;
  releases: ReleaseStore;
  deployments: DeploymentStore;
  incidents: IncidentStore;
  changes: ChangeStore;
  decisions: DecisionLog;
  /**
   * EffectiveCost of the cost lines tagged `release` or `version`, summed per currency and
   * (release, version) pair in one scan; sumReleaseCloudCost picks a release's share. With
   * `throughDay` (YYYY-MM-DD), only the lines charged on that day or before.
   */
  releaseTagCosts(throughDay?: string): Promise<ReleaseTagCost[]>;
  savePolicy(policy: GovernancePolicy, appliedBy: string, sourcePath: string): Promise<number>;
  currentPolicy(): Promise<PolicyVersion | undefined>;
  /** Post-implementation reviews of changes. */
  reviews: ReviewStore;
}
