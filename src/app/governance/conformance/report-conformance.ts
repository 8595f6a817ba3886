import { TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import type { ApprovalRecord, ChangeRequest } from '../../../core/governance/changes/change-request.js';
import {
  CONFORMANCE_RULES,
  type ConformanceCheck,
  type ConformanceFinding,
  checkConformance,
  type GateAnswer,
} from '../../../core/governance/conformance/conformance-findings.js';
import {
  type ConformanceRow,
  summariseConformance,
} from '../../../core/governance/conformance/conformance-summary.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../../core/governance/governance-types.js';
import {
  findReviewsDue,
  type ReviewDue,
  type ReviewDueRow,
  type ReviewRule,
  summariseReviewsDue,
} from '../../../core/governance/reviews/reviews-due.js';
import { Decimal } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog, requirePolicy } from '../governance-context.js';

export interface ConformanceQuery {
  /** Deployments that started at or after this time (ISO date or date-time). */
  from: string;
  /** ... and before this one. */
  to: string;
  /** Only this owning team's deployments. */
  team?: string | undefined;
  /** Post-implementation reviews are due or overdue as of this time; now when absent. */
  asOf?: string | undefined;
}

/** Post-implementation reviews of the period's changes that the policy names, as of a time. */
export interface ConformanceReviews {
  asOf: string;
  /** The policy's rule; null when it has none (changes the gate marked for review still count). */
  rule: ReviewRule | null;
  required: number;
  reviewed: number;
  due: number;
  overdue: number;
  /** Reviewed after the due time. */
  late: number;
  rows: ReviewDueRow[];
  /** The reviews still to hold (due and overdue), oldest first. */
  open: ReviewDue[];
}

export interface ConformanceReport {
  from: string;
  to: string;
  team: string | null;
  currency: string;
  /** The governed environments: the catalogue's production environments. */
  governedEnvironments: string[];
  rules: Record<ConformanceCheck, string>;
  gateLookbackHours: number;
  deployments: number;
  breaches: number;
  breachCost: string;
  rows: ConformanceRow[];
  findings: ConformanceFinding[];
  reviews: ConformanceReviews;
}

/** A gate decision counts for deployments that start within this many hours after it was asked. */
export const GATE_LOOKBACK_HOURS = 24;

function requireTime(
  value: string,
  field: 'from' | 'to' | 'asOf',
  labels: FieldLabels<'from' | 'to' | 'asOf'>,
): string {
  if (!isIsoTimestamp(value)) {
    throw new TollgateError(
      'CONFORMANCE_BAD_PERIOD',
      `${labelOf(labels, field)} '${value}' is not a time; write an ISO date or date-time such as 2025-01-01.`,
      'usage',
    );
  }
  return normaliseTimestamp(value);
}

/**
 * The gate answers that can govern the period's deployments and the changes the gate marked as
 * needing a post-implementation review (a threshold of the change model said so), read from the
 * decision log by period, never whole (a year of a busy estate is tens of thousands of entries,
 * each with every input it was decided from):
 * 1. answers asked about a moment in [from - lookback, to): a deployment started in the period
 *    counts the last answer at most `GATE_LOOKBACK_HOURS` before its start;
 * 2. marks from any gate decision naming one of the period's changes, whenever it was asked
 *    (an early ask, or one for another environment, marks the change as well).
 */
async function readGateAnswers(
  stores: Stores,
  period: { from: string; to: string },
  changeIds: readonly string[],
): Promise<{ answers: GateAnswer[]; marked: Set<string> }> {
  const [governing, ofChanges] = await Promise.all([
    stores.governance.decisions.listGateDecisions({
      from: new Date(Date.parse(period.from) - GATE_LOOKBACK_HOURS * 3_600_000).toISOString(),
      to: period.to,
    }),
    stores.governance.decisions.listGateDecisions({ changeIds }),
  ]);
  const answers: GateAnswer[] = governing.map(({ decision }) => ({
    service: decision.service,
    environment: decision.environment,
    version: decision.version,
    at: decision.at,
    decision: decision.decision,
  }));
  const marked = new Set<string>();
  for (const { decision } of ofChanges)
    if (decision.changeId && decision.reasons.some((r) => r.check === 'post-implementation-review'))
      marked.add(decision.changeId);
  return { answers, marked };
}

/**
 * The governance conformance report: each deployment to a governed environment in the period
 * checked against the process (checkConformance says how), with counts and modelled cost by
 * owning team and month.
 */
export async function reportConformance(
  stores: Stores,
  query: ConformanceQuery,
  labels: FieldLabels<'from' | 'to' | 'team' | 'asOf'> = {},
): Promise<ConformanceReport> {
  const from = requireTime(query.from, 'from', labels);
  const asOf = query.asOf === undefined ? new Date().toISOString() : requireTime(query.asOf, 'asOf', labels);
  const to = requireTime(query.to, 'to', labels);
  if (Date.parse(from) >= Date.parse(to)) {
    throw new TollgateError(
      'CONFORMANCE_BAD_PERIOD',
      `${labelOf(labels, 'from')} (${query.from}) must come before ${labelOf(labels, 'to')} (${query.to}).`,
      'usage',
    );
  }
  const catalog = await loadCatalog(stores);
  if (query.team !== undefined && !catalog.teams.some((team) => team.id === query.team)) {
    throw new TollgateError(
      'UNKNOWN_TEAM',
      `There is no team '${query.team}' in the catalogue; known teams: ${catalog.teams.map((t) => t.id).join(', ') || 'none'}.`,
      'usage',
    );
  }
  const policy = (await requirePolicy(stores)).policy;
  const teamOf = (service: string) => catalog.services.find((s) => s.id === service)?.ownerTeam ?? 'unknown';
  const governed = new Set(catalog.environments.filter((e) => e.production).map((e) => e.id));
  // The store lists by finish time; a deployment counts in the period it started in.
  const deployments = (
    await stores.governance.deployments.listDeployments({
      from,
      to: new Date(Date.parse(to) + 86_400_000).toISOString(),
    })
  ).filter(
    (d) =>
      Date.parse(d.startedAt) >= Date.parse(from) &&
      Date.parse(d.startedAt) < Date.parse(to) &&
      governed.has(d.environment) &&
      (query.team === undefined || teamOf(d.service) === query.team),
  );
  // One read per kind for the whole period, never one per change (a year is thousands).
  const changeIds = [...new Set(deployments.flatMap((d) => (d.changeRequestId ? [d.changeRequestId] : [])))];
  const changes = new Map<string, ChangeRequest>(
    (await stores.governance.changes.getChanges(changeIds)).map((change) => [change.id, change]),
  );
  const approvals = new Map<string, ApprovalRecord[]>();
  for (const approval of await stores.governance.changes.listApprovalsOfChanges(changeIds)) {
    const list = approvals.get(approval.changeId);
    if (list) list.push(approval);
    else approvals.set(approval.changeId, [approval]);
  }
  const gate = await readGateAnswers(stores, { from, to }, changeIds);
  const findings = checkConformance({
    deployments,
    governed,
    changes,
    approvals,
    gateAnswers: gate.answers,
    windows: policy.windows,
    timeZone: policy.timeZone,
    freezes: await stores.governance.changes.listFreezes(),
    breakGlass: await stores.governance.changes.listBreakGlass(),
    gateLookbackHours: GATE_LOOKBACK_HOURS,
  });
  const rows = summariseConformance(deployments, findings, teamOf);
  const rule = policy.postImplementationReviews ?? null;
  const reviewItems =
    rule || gate.marked.size > 0
      ? findReviewsDue({
          rule,
          marked: gate.marked,
          deployments,
          changes,
          reviews: new Map((await stores.governance.reviews.listReviews()).map((r) => [r.changeId, r])),
          asOf,
          teamOf,
        })
      : [];
  const count = (state: ReviewDue['state']) => reviewItems.filter((item) => item.state === state).length;
  return {
    from,
    to,
    team: query.team ?? null,
    currency: policy.currency,
    governedEnvironments: [...governed].sort(),
    rules: CONFORMANCE_RULES,
    gateLookbackHours: GATE_LOOKBACK_HOURS,
    deployments: deployments.length,
    breaches: rows.reduce((sum, row) => sum + row.breaches, 0),
    breachCost: rows.reduce((sum, row) => sum.plus(row.breachCost), new Decimal(0)).toString(),
    rows,
    findings,
    reviews: {
      asOf,
      rule,
      required: reviewItems.length,
      reviewed: count('reviewed'),
      due: count('due'),
      overdue: count('overdue'),
      late: reviewItems.filter((item) => item.late).length,
      rows: summariseReviewsDue(reviewItems),
      open: reviewItems.filter((item) => item.state !== 'reviewed'),
    },
  };
}
