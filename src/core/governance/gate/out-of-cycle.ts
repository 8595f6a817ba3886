import { Decimal } from '../../money.js';
import type { OutOfCycleJustification } from '../changes/change-request.js';

export interface OutOfCycleAssessment {
  waitHours: string;
  costOfDelay: string;
  expediteCost: string;
  /** costOfDelay - expediteCost: positive when going now is worth what it costs. */
  netBenefit: string;
  justified: boolean;
}

/**
 * Cost-benefit of deploying outside the window: waiting until `nextOpening` loses the cost of
 * delay per week pro rata (hours / 168); going now costs the stated expedite cost.
 */
export function assessOutOfCycle(
  justification: OutOfCycleJustification,
  at: Date,
  nextOpening: string | undefined,
): OutOfCycleAssessment {
  const waitMs = nextOpening === undefined ? 0 : Math.max(0, Date.parse(nextOpening) - at.getTime());
  const waitHours = new Decimal(waitMs).dividedBy(3_600_000);
  const costOfDelay = new Decimal(justification.costOfDelayPerWeek).times(waitHours).dividedBy(168);
  const netBenefit = costOfDelay.minus(justification.expediteCost);
  return {
    waitHours: waitHours.toDecimalPlaces(2).toString(),
    costOfDelay: costOfDelay.toDecimalPlaces(2).toString(),
    expediteCost: new Decimal(justification.expediteCost).toString(),
    netBenefit: netBenefit.toDecimalPlaces(2).toString(),
    justified: netBenefit.greaterThanOrEqualTo(0),
  };
}
