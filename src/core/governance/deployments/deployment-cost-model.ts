import { TollgateError } from '../../errors.js';
import { Decimal, MONEY_SCALE } from '../../money.js';
import type { ChangeType } from '../governance-types.js';
import { findHourlyRate, type RateCard } from '../releases/rate-card.js';
import type { DeploymentRecord } from './deployment-record.js';

/** Standard effort of one change of a type, in hours (from the change model). */
export interface ChangeEffort {
  documentationHours: string;
  cabReviewHours: string;
  executionHours: string;
}

/**
 * The parameters of cost per deployment, as data: the runner rate, the hourly rate of each
 * environment (by id, or by class 'production' / 'non-production'), the roles whose rate-card
 * rates price each kind of labour, the work a rollback takes, and licences per deployment.
 */
export interface DeploymentCostModel {
  version: string;
  currency: string;
  runnerRatePerMinute: string;
  environmentHourlyRates: Record<string, string>;
  roles: { documentation: string; cabReview: string; execution: string; rollback: string };
  rollbackHours: string;
  licencePerDeployment: string;
}

export interface DeploymentCost {
  modelVersion: string;
  currency: string;
  pipeline: string;
  environment: string;
  documentation: string;
  cabReview: string;
  execution: string;
  licences: string;
  rollbackWork: string;
  /** Pipeline, environment, labour and licences: what the deployment cost before any rollback. */
  deployment: string;
  /** deployment + rollbackWork: a rolled-back deployment carries its own cost and the rollback work. */
  total: string;
}

export function environmentHourlyRate(
  model: DeploymentCostModel,
  environment: string,
  production: boolean,
): string {
  const rate =
    model.environmentHourlyRates[environment] ??
    model.environmentHourlyRates[production ? 'production' : 'non-production'];
  if (rate === undefined) {
    throw new TollgateError(
      'COST_MODEL_NO_ENVIRONMENT_RATE',
      `The deployment cost model has no hourly rate for environment '${environment}' nor for ` +
        `'${production ? 'production' : 'non-production'}'; add one to environmentHourlyRates.`,
    );
  }
  return rate;
}

/**
 * Cost of one deployment under the stated model:
 * 1. pipeline = pipeline minutes x runner rate per minute;
 * 2. environment = (end - start) in hours x the environment's hourly rate, rounded half-even to
 *    MONEY_SCALE decimals (a duration in hours seldom ends, e.g. 1 s = 1/3600 h, and an unrounded
 *    product would carry the working precision's 60 digits into every sum and answer);
 * 3. labour = documentation, CAB review and execution hours of the change type's standard
 *    effort, each at its role's rate-card rate on the day of the deployment;
 * 4. licences per deployment;
 * 5. a rolled-back deployment adds rollbackHours at the rollback role's rate, so the cost of
 *    a rollback is the rollback work plus the failed deployment's own cost.
 */
export function costDeployment(
  deployment: DeploymentRecord,
  production: boolean,
  model: DeploymentCostModel,
  efforts: Record<ChangeType, ChangeEffort>,
  card: RateCard,
): DeploymentCost {
  const effort = efforts[deployment.changeType];
  const day = deployment.startedAt.slice(0, 10);
  const rate = (role: string) => new Decimal(findHourlyRate(card, role, day).hourlyRate);
  const pipeline = new Decimal(deployment.pipelineMinutes).times(model.runnerRatePerMinute);
  const hours = new Decimal(Date.parse(deployment.finishedAt) - Date.parse(deployment.startedAt)).dividedBy(
    3_600_000,
  );
  const environment = hours
    .times(environmentHourlyRate(model, deployment.environment, production))
    .toDecimalPlaces(MONEY_SCALE);
  const documentation = new Decimal(effort.documentationHours).times(rate(model.roles.documentation));
  const cabReview = new Decimal(effort.cabReviewHours).times(rate(model.roles.cabReview));
  const execution = new Decimal(effort.executionHours).times(rate(model.roles.execution));
  const licences = new Decimal(model.licencePerDeployment);
  const isRollback = deployment.outcome === 'rolled_back';
  const rollbackWork = isRollback
    ? new Decimal(model.rollbackHours).times(rate(model.roles.rollback))
    : new Decimal(0);
  const base = pipeline.plus(environment).plus(documentation).plus(cabReview).plus(execution).plus(licences);
  return {
    modelVersion: model.version,
    currency: model.currency,
    pipeline: pipeline.toString(),
    environment: environment.toString(),
    documentation: documentation.toString(),
    cabReview: cabReview.toString(),
    execution: execution.toString(),
    licences: licences.toString(),
    rollbackWork: rollbackWork.toString(),
    deployment: base.toString(),
    total: base.plus(rollbackWork).toString(),
  };
}
