import { Decimal } from '../../money.js';
import type { ChangeRequest } from '../changes/change-request.js';
import type { DeploymentRecord } from '../deployments/deployment-record.js';
import { median } from '../deployments/statistics.js';
import type { ChangeModel, GovernancePolicy } from '../governance-policy.js';
import type { ChangeType } from '../governance-types.js';
import { findHourlyRate, type RateCard } from '../releases/rate-card.js';

/** One change as the process cost sees it: its request, the deployment that carried it, its cost of delay. */
export interface ProcessChange {
  change: ChangeRequest;
  deployment: DeploymentRecord;
  costOfDelayPerWeek: string;
}

export interface ProcessCostLine {
  changeId: string;
  changeType: ChangeType;
  whatIfType: ChangeType;
  waitHours: number;
  runCost: string;
  opportunityCost: string;
  whatIfRunCost: string;
  whatIfOpportunityCost: string;
}

export interface ProcessScenario {
  runCost: string;
  opportunityCost: string;
  total: string;
  perChange: string;
  perMonth: string;
}

export interface ProcessCostReport {
  service: string;
  changes: number;
  months: number;
  setupCost: string;
  assumptions: string[];
  current: ProcessScenario;
  whatIf: ProcessScenario;
  savingPerMonth: string;
  lines: ProcessCostLine[];
}

/**
 * The "Ops Run It" throughput cost model for a service's recent changes:
 * 1. run cost per change = (documentation + CAB review + execution hours of its change model's
 *    standard effort) x rate-card rates + licences per deployment;
 * 2. opportunity cost = hours from ready to deployed x cost of delay per week / 168;
 * 3. what-if: a normal change whose estimate is within the standard model's limit is run as
 *    standard — standard effort, and the median wait of the standard changes observed (0 when
 *    none), never more than its own wait;
 * 4. totals per change and per month (months spanned by the deployments, at least one);
 *    setup cost is one-off and shown apart.
 */
export function computeProcessCost(
  service: string,
  changes: ProcessChange[],
  policy: GovernancePolicy,
  card: RateCard,
  setupCost = '0',
): ProcessCostReport {
  const waitHours = (item: ProcessChange) =>
    Math.max(0, (Date.parse(item.deployment.startedAt) - Date.parse(item.change.readyAt)) / 3_600_000);
  const standardWait =
    median(changes.filter((item) => item.change.changeType === 'standard').map(waitHours)) ?? 0;
  const runCost = (model: ChangeModel, day: string) => {
    const rate = (role: string) => new Decimal(findHourlyRate(card, role, day).hourlyRate);
    const roles = policy.costModel.roles;
    return new Decimal(model.effort.documentationHours)
      .times(rate(roles.documentation))
      .plus(new Decimal(model.effort.cabReviewHours).times(rate(roles.cabReview)))
      .plus(new Decimal(model.effort.executionHours).times(rate(roles.execution)))
      .plus(policy.costModel.licencePerDeployment);
  };
  const limit = policy.changeModels.standard.maxEstimatedCost;
  const lines: ProcessCostLine[] = changes.map((item) => {
    const type = item.change.changeType;
    const small =
      type === 'normal' &&
      (limit === undefined || new Decimal(item.change.estimatedCost).lessThanOrEqualTo(limit));
    const whatIfType: ChangeType = small ? 'standard' : type;
    const day = item.deployment.startedAt.slice(0, 10);
    const wait = waitHours(item);
    const whatIfWait = small ? Math.min(wait, standardWait) : wait;
    const delayPerHour = new Decimal(item.costOfDelayPerWeek).dividedBy(168);
    return {
      changeId: item.change.id,
      changeType: type,
      whatIfType,
      waitHours: Math.round(wait * 100) / 100,
      runCost: runCost(policy.changeModels[type], day).toString(),
      opportunityCost: delayPerHour.times(wait).toDecimalPlaces(4).toString(),
      whatIfRunCost: runCost(policy.changeModels[whatIfType], day).toString(),
      whatIfOpportunityCost: delayPerHour.times(whatIfWait).toDecimalPlaces(4).toString(),
    };
  });
  const times = changes.map((item) => Date.parse(item.deployment.finishedAt));
  const months =
    times.length === 0
      ? 1
      : Math.max(1, Math.ceil((Math.max(...times) - Math.min(...times)) / (30.4375 * 86_400_000)));
  const scenario = (
    run: (line: ProcessCostLine) => string,
    opportunity: (line: ProcessCostLine) => string,
  ): ProcessScenario => {
    const runTotal = lines.reduce((sum, line) => sum.plus(run(line)), new Decimal(0));
    const opportunityTotal = lines.reduce((sum, line) => sum.plus(opportunity(line)), new Decimal(0));
    const total = runTotal.plus(opportunityTotal);
    return {
      runCost: runTotal.toDecimalPlaces(2).toString(),
      opportunityCost: opportunityTotal.toDecimalPlaces(2).toString(),
      total: total.toDecimalPlaces(2).toString(),
      perChange: lines.length === 0 ? '0' : total.dividedBy(lines.length).toDecimalPlaces(2).toString(),
      perMonth: total.dividedBy(months).toDecimalPlaces(2).toString(),
    };
  };
  const current = scenario(
    (l) => l.runCost,
    (l) => l.opportunityCost,
  );
  const whatIf = scenario(
    (l) => l.whatIfRunCost,
    (l) => l.whatIfOpportunityCost,
  );
  return {
    service,
    changes: lines.length,
    months,
    setupCost: new Decimal(setupCost).toString(),
    assumptions: [
      `What-if: normal changes estimated at or below ${limit ?? 'any amount'} run as standard (pre-approved).`,
      `Standard changes wait ${Math.round(standardWait * 100) / 100} h (median of the standard changes observed).`,
      'Opportunity cost = wait from ready to deployment start x cost of delay per week / 168.',
    ],
    current,
    whatIf,
    savingPerMonth: new Decimal(current.perMonth).minus(whatIf.perMonth).toString(),
    lines,
  };
}
