import { TollgateError } from '../../../core/errors.js';
import type { GateDecision } from '../../../core/governance/gate/decide-deployment.js';
import { isIsoTimestamp, toMillis } from '../../../core/governance/governance-types.js';
import type { Stores } from '../../../ports/stores.js';
import { requireRelease } from '../releases/manage-releases.js';

export interface GateDecisionFilter {
  release?: string | undefined;
  service?: string | undefined;
  environment?: string | undefined;
  outcome?: 'allow' | 'deny' | undefined;
  /** Inclusive: decisions asked as of this time or later. */
  from?: string | undefined;
  /** Exclusive. */
  to?: string | undefined;
  /** Entries after this log number (the last one of the previous page). */
  afterSeq?: number | undefined;
  limit: number;
}

export interface LoggedGateDecision {
  seq: number;
  /** When the decision was written to the log. */
  loggedAt: string;
  /** Who asked. */
  actor: string;
  decision: GateDecision;
}

function requireTime(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!isIsoTimestamp(value)) {
    throw new TollgateError(
      'GATE_LOG_BAD_TIME',
      `${name} '${value}' is not an ISO-8601 time such as 2026-03-01T00:00:00Z.`,
      'usage',
    );
  }
  return toMillis(value);
}

/** Entries read from the log at a time while looking for a page of matching decisions. */
const SCAN_PAGE = 500;

/**
 * The gate's entries of the decision log (what tollgate changes log --kind gate shows), oldest
 * first, filtered by the decision each records: release, service, environment, outcome and the
 * time it was asked as of. The log port filters by kind and subject and pages by number, so
 * the log is read a page at a time from `afterSeq` until `limit` decisions match or it ends.
 */
export async function listGateDecisions(
  stores: Stores,
  filter: GateDecisionFilter,
): Promise<{ decisions: LoggedGateDecision[]; nextAfterSeq: number | null }> {
  const from = requireTime(filter.from, 'from');
  const to = requireTime(filter.to, 'to');
  if (filter.release !== undefined) await requireRelease(stores, filter.release);
  // The log names a gate decision by service/environment, so that pair is filtered by the store.
  const subject =
    filter.service !== undefined && filter.environment !== undefined
      ? `${filter.service}/${filter.environment}`
      : undefined;
  const decisions: LoggedGateDecision[] = [];
  let afterSeq = filter.afterSeq;
  for (;;) {
    const entries = await stores.governance.decisions.listDecisions({
      kind: 'gate',
      subject,
      afterSeq,
      limit: SCAN_PAGE,
    });
    for (const entry of entries) {
      const decision = entry.result as GateDecision;
      if (filter.release !== undefined && decision.releaseId !== filter.release) continue;
      if (filter.service !== undefined && decision.service !== filter.service) continue;
      if (filter.environment !== undefined && decision.environment !== filter.environment) continue;
      if (filter.outcome !== undefined && decision.decision !== filter.outcome) continue;
      const at = toMillis(decision.at);
      if (from !== undefined && at < from) continue;
      if (to !== undefined && at >= to) continue;
      decisions.push({ seq: entry.seq, loggedAt: entry.at, actor: entry.actor, decision });
      if (decisions.length === filter.limit) break;
    }
    if (decisions.length === filter.limit || entries.length < SCAN_PAGE) break;
    afterSeq = entries[entries.length - 1]!.seq;
  }
  return {
    decisions,
    nextAfterSeq: decisions.length === filter.limit ? decisions[decisions.length - 1]!.seq : null,
  };
}
