import { TollgateError } from '../../errors.js';
import { Decimal, isDecimalText } from '../../money.js';
import { findHourlyRate, type RateCard } from './rate-card.js';
import type { ReleaseEstimateInput } from './release-model.js';

export interface EstimateLine {
  kind: 'labour' | 'licence' | 'environment';
  item: string;
  quantity: string;
  rate: string;
  amount: string;
}

export interface ReleaseEstimate {
  currency: string;
  lines: EstimateLine[];
  labour: string;
  licences: string;
  environments: string;
  subtotal: string;
  contingency: string;
  total: string;
}

function requireDecimal(value: string, what: string): Decimal {
  if (!isDecimalText(String(value)) || new Decimal(value).isNegative()) {
    throw new TollgateError(
      'RELEASE_BAD_ESTIMATE',
      `${what} '${value}' is not a non-negative decimal number.`,
    );
  }
  return new Decimal(value);
}

/**
 * Bottom-up release estimate: labour hours x the rate card's rate for the role on `asOf`,
 * plus licences, plus environment hours x the environment class rate, plus contingency
 * (a percentage of that subtotal, or a fixed amount).
 */
export function estimateRelease(
  input: ReleaseEstimateInput,
  card: RateCard,
  asOf: string,
  currency: string,
): ReleaseEstimate {
  const lines: EstimateLine[] = [];
  let labour = new Decimal(0);
  for (const item of input.labour) {
    const hours = requireDecimal(item.hours, `Labour hours for ${item.role}`);
    const rate = findHourlyRate(card, item.role, asOf);
    if (rate.currency !== currency) {
      throw new TollgateError(
        'RELEASE_CURRENCY_MISMATCH',
        `The rate for ${item.role} is in ${rate.currency} but the release is in ${currency}; use one currency.`,
      );
    }
    const amount = hours.times(rate.hourlyRate);
    labour = labour.plus(amount);
    lines.push({
      kind: 'labour',
      item: item.role,
      quantity: hours.toString(),
      rate: rate.hourlyRate,
      amount: amount.toString(),
    });
  }
  let licences = new Decimal(0);
  for (const item of input.licences) {
    const amount = requireDecimal(item.amount, `Licence amount for ${item.name}`);
    licences = licences.plus(amount);
    lines.push({
      kind: 'licence',
      item: item.name,
      quantity: '1',
      rate: amount.toString(),
      amount: amount.toString(),
    });
  }
  let environments = new Decimal(0);
  for (const item of input.environments) {
    const hours = requireDecimal(item.hours, `Environment hours for stage ${item.stage}`);
    const rateText = input.environmentRates[item.environmentClass];
    if (rateText === undefined) {
      throw new TollgateError(
        'RELEASE_NO_ENVIRONMENT_RATE',
        `Stage ${item.stage} uses environment class '${item.environmentClass}', which has no rate in environmentRates; add it.`,
      );
    }
    const rate = requireDecimal(rateText, `Environment rate for ${item.environmentClass}`);
    const amount = hours.times(rate);
    environments = environments.plus(amount);
    lines.push({
      kind: 'environment',
      item: `${item.stage} (${item.environmentClass})`,
      quantity: hours.toString(),
      rate: rate.toString(),
      amount: amount.toString(),
    });
  }
  const subtotal = labour.plus(licences).plus(environments);
  let contingency = new Decimal(0);
  if (input.contingency && 'percent' in input.contingency) {
    contingency = subtotal
      .times(requireDecimal(input.contingency.percent, 'Contingency percent'))
      .dividedBy(100);
  } else if (input.contingency && 'amount' in input.contingency) {
    contingency = requireDecimal(input.contingency.amount, 'Contingency amount');
  }
  return {
    currency,
    lines,
    labour: labour.toString(),
    licences: licences.toString(),
    environments: environments.toString(),
    subtotal: subtotal.toString(),
    contingency: contingency.toString(),
    total: subtotal.plus(contingency).toString(),
  };
}
