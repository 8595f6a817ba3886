import type { Criticality, Service } from '../../catalog/catalog-model.js';
import { Decimal } from '../../money.js';

export const CHANGE_RISK_VERSION = 'tollgate-change-risk.1';

/** One earlier production deployment as it was known when the change is assessed. */
export interface RiskHistoryEntry {
  service: string;
  team: string;
  finishedAt: string;
  /** Failed, rolled back, or caused an incident that had started by the assessment (DORA 2024). */
  failed: boolean;
}

/** When the policy lets a change of this model go without its approvals (policy riskPreApproval). */
export interface RiskPreApprovalRule {
  maxFailureProbability: string;
  maxMoneyAtStake: string;
  minDeployments: number;
  criticality: Criticality[];
}

export interface ChangeRiskInput {
  at: string;
  service: Pick<Service, 'id' | 'ownerTeam' | 'criticality' | 'revenuePerOutageHour'>;
  estimatedCost: string;
  currency: string;
  /** Production deployments that finished before `at`, every service. */
  history: readonly RiskHistoryEntry[];
  /** Estimates of the service's earlier change requests: what "a usual change" costs here. */
  pastEstimates: readonly string[];
  /** Median hours the service took to recover from a failed deployment; null when never timed. */
  recoveryHours: string | null;
  rule?: RiskPreApprovalRule | undefined;
}

export interface FailRate {
  failures: number;
  deployments: number;
  /** The rate shrunk toward the wider rate (see assessChangeRisk, step 2). */
  smoothed: string;
}

export interface ChangeRisk {
  version: string;
  at: string;
  service: string;
  team: string;
  criticality: Criticality;
  currency: string;
  estimatedCost: string;
  organisation: FailRate;
  serviceRate: FailRate;
  teamRate: FailRate;
  daysSinceLastFailure: number | null;
  recencyFactor: string;
  /** This change's estimate against the median of the service's earlier ones; null without any. */
  costRatio: string | null;
  sizeFactor: string;
  failureProbability: string;
  recoveryHours: string | null;
  revenuePerOutageHour: string | null;
  /** failure probability x recovery hours x revenue per outage hour; null when either is unknown. */
  expectedOutageCost: string | null;
  /** The change's own cost plus its expected outage cost. */
  moneyAtStake: string;
  /** null when the change model has no risk pre-approval. */
  preApproval: { eligible: boolean; reasons: string[] } | null;
  /** One sentence citing every input, for the gate's reasons and the decision log. */
  summary: string;
}

/** Prior strength of the shrinkage: a service with 10 deployments weighs half its own rate. */
const PRIOR_WEIGHT = 10;
/** A failure of the service this recent raises the probability by up to half again. */
const RECENCY_DAYS = 14;
const DAY = 86_400_000;

const fixed = (value: Decimal, places = 4) => value.toDecimalPlaces(places).toFixed(places);

function rate(entries: readonly RiskHistoryEntry[], prior: Decimal): FailRate {
  const failures = entries.filter((entry) => entry.failed).length;
  const smoothed = new Decimal(failures)
    .plus(prior.times(PRIOR_WEIGHT))
    .dividedBy(entries.length + PRIOR_WEIGHT);
  return { failures, deployments: entries.length, smoothed: fixed(smoothed, 6) };
}

function medianOf(values: readonly string[]): Decimal | null {
  const sorted = values.map((value) => new Decimal(value)).sort((a, b) => a.comparedTo(b));
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).dividedBy(2);
}

/**
 * A change's risk from the organisation's own history, with the money at stake
 * (empirical-Bayes shrinkage of change fail rates, adjusted by recency and size):
 * 1. the organisation's change fail rate over the history, with a Laplace prior (f+1)/(n+2);
 * 2. the service's and the owning team's rates, each shrunk toward the organisation's with a
 *    prior weight of 10 deployments ((f + 10 x org) / (n + 10)), so a service with little
 *    history is judged mostly by the organisation's; base probability = their mean;
 * 3. recency: x (1 + 0.5 x (1 - d/14)) when the service's last failure was d < 14 days ago;
 * 4. size: the estimate against the median of the service's earlier estimates, square root,
 *    bounded to [0.5, 2] (x 1 when there are none, said so);
 * 5. failure probability = base x recency x size, at most 1;
 * 6. money at stake = the estimate + probability x recovery hours x revenue per outage hour
 *    (catalogue); the outage part is unknown (and said so) without both;
 * 7. pre-approval (when the model has a rule): enough history, criticality allowed,
 *    probability and money at stake within the rule's limits; every failed condition is named.
 */
export function assessChangeRisk(input: ChangeRiskInput): ChangeRisk {
  const at = Date.parse(input.at);
  const history = input.history.filter((entry) => Date.parse(entry.finishedAt) < at);
  // Step 1, Laplace's rule of succession.
  const orgFailures = history.filter((entry) => entry.failed).length;
  const orgRate = new Decimal(orgFailures + 1).dividedBy(history.length + 2);
  const organisation: FailRate = {
    failures: orgFailures,
    deployments: history.length,
    smoothed: fixed(orgRate, 6),
  };
  const serviceRate = rate(
    history.filter((entry) => entry.service === input.service.id),
    orgRate,
  );
  const teamRate = rate(
    history.filter((entry) => entry.team === input.service.ownerTeam),
    orgRate,
  );
  const base = new Decimal(serviceRate.smoothed).plus(teamRate.smoothed).dividedBy(2);

  const lastFailure = history
    .filter((entry) => entry.service === input.service.id && entry.failed)
    .reduce<number | null>((latest, entry) => Math.max(latest ?? 0, Date.parse(entry.finishedAt)), null);
  const daysSinceLastFailure = lastFailure === null ? null : Math.floor((at - lastFailure) / DAY);
  const recency =
    daysSinceLastFailure !== null && daysSinceLastFailure < RECENCY_DAYS
      ? new Decimal(1).plus(
          new Decimal(0.5).times(
            new Decimal(1).minus(new Decimal(daysSinceLastFailure).dividedBy(RECENCY_DAYS)),
          ),
        )
      : new Decimal(1);

  const usual = medianOf(input.pastEstimates);
  const estimate = new Decimal(input.estimatedCost);
  const costRatio = usual === null || usual.isZero() ? null : estimate.dividedBy(usual);
  const size = costRatio === null ? new Decimal(1) : Decimal.min(2, Decimal.max(0.5, costRatio.squareRoot()));

  const probability = Decimal.min(1, base.times(recency).times(size));
  const revenue = input.service.revenuePerOutageHour ?? null;
  const outage =
    revenue === null || input.recoveryHours === null
      ? null
      : probability.times(input.recoveryHours).times(revenue);
  const moneyAtStake = estimate.plus(outage ?? 0);

  const preApproval = input.rule
    ? judgePreApproval(
        input.rule,
        history.length,
        input.service.criticality,
        probability,
        moneyAtStake,
        input.currency,
      )
    : null;
  const risk: ChangeRisk = {
    version: CHANGE_RISK_VERSION,
    at: input.at,
    service: input.service.id,
    team: input.service.ownerTeam,
    criticality: input.service.criticality,
    currency: input.currency,
    estimatedCost: estimate.toString(),
    organisation,
    serviceRate,
    teamRate,
    daysSinceLastFailure,
    recencyFactor: fixed(recency),
    costRatio: costRatio === null ? null : fixed(costRatio),
    sizeFactor: fixed(size),
    failureProbability: fixed(probability),
    recoveryHours: input.recoveryHours,
    revenuePerOutageHour: revenue,
    expectedOutageCost: outage === null ? null : fixed(outage, 2),
    moneyAtStake: fixed(moneyAtStake, 2),
    preApproval,
    summary: '',
  };
  risk.summary = summariseRisk(risk);
  return risk;
}

function judgePreApproval(
  rule: RiskPreApprovalRule,
  deployments: number,
  criticality: Criticality,
  probability: Decimal,
  moneyAtStake: Decimal,
  currency: string,
): { eligible: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (deployments < rule.minDeployments)
    reasons.push(
      `only ${deployments} production deployments of history (the policy needs ${rule.minDeployments})`,
    );
  if (!rule.criticality.includes(criticality))
    reasons.push(
      `a ${criticality} service (the policy pre-approves ${rule.criticality.join(', ') || 'none'})`,
    );
  if (probability.greaterThan(rule.maxFailureProbability))
    reasons.push(`failure probability ${fixed(probability)} above ${rule.maxFailureProbability}`);
  if (moneyAtStake.greaterThan(rule.maxMoneyAtStake))
    reasons.push(`money at stake ${fixed(moneyAtStake, 2)} ${currency} above ${rule.maxMoneyAtStake}`);
  return { eligible: reasons.length === 0, reasons };
}

function summariseRisk(risk: ChangeRisk): string {
  const percent = (text: string) => `${new Decimal(text).times(100).toFixed(1)}%`;
  const parts = [
    `failure probability ${percent(risk.failureProbability)}`,
    `service ${risk.service} ${risk.serviceRate.failures}/${risk.serviceRate.deployments} failed (smoothed ${percent(risk.serviceRate.smoothed)})`,
    `team ${risk.team} ${risk.teamRate.failures}/${risk.teamRate.deployments} (smoothed ${percent(risk.teamRate.smoothed)})`,
    `organisation ${risk.organisation.failures}/${risk.organisation.deployments}`,
    risk.daysSinceLastFailure === null
      ? 'no earlier failure of the service'
      : `last failure ${risk.daysSinceLastFailure} days ago (x${risk.recencyFactor})`,
    risk.costRatio === null
      ? 'size unknown (no earlier estimates for the service, x1)'
      : `estimate ${risk.costRatio} x the service's median (x${risk.sizeFactor})`,
    `criticality ${risk.criticality}`,
    risk.expectedOutageCost === null
      ? `money at stake ${risk.moneyAtStake} ${risk.currency} (outage cost unknown: ${risk.revenuePerOutageHour === null ? 'no revenue per outage hour in the catalogue' : 'no timed recovery for the service'})`
      : `money at stake ${risk.moneyAtStake} ${risk.currency} (estimate ${risk.estimatedCost} + expected outage ${risk.expectedOutageCost}: ${risk.recoveryHours} h x ${risk.revenuePerOutageHour}/h)`,
  ];
  return `${parts.join('; ')}.`;
}
