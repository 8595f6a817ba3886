import { TollgateError } from '../../errors.js';
import { Decimal, isDecimalText } from '../../money.js';

/** One role's hourly rate over a span of dates (from inclusive, to inclusive; open-ended when absent). */
export interface RateCardEntry {
  role: string;
  hourlyRate: string;
  currency: string;
  effectiveFrom: string;
  effectiveTo?: string | undefined;
}

export interface RateCard {
  entries: RateCardEntry[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a rate card: decimal non-negative rates, ISO dates, from <= to, and no two entries of
 * one role whose date spans overlap (a day must have exactly one rate per role).
 */
export function validateRateCard(card: RateCard): RateCard {
  if (card.entries.length === 0) {
    throw new TollgateError(
      'RATECARD_EMPTY',
      'The rate card has no entries; list at least one role with its hourly rate.',
    );
  }
  for (const [index, entry] of card.entries.entries()) {
    const where = `rate card entry ${index + 1} (${entry.role || 'no role'})`;
    if (!entry.role) throw new TollgateError('RATECARD_BAD_ENTRY', `${where}: give a role.`);
    if (!isDecimalText(entry.hourlyRate) || new Decimal(entry.hourlyRate).isNegative()) {
      throw new TollgateError(
        'RATECARD_BAD_ENTRY',
        `${where}: hourlyRate '${entry.hourlyRate}' is not a non-negative decimal; write it like "95.50".`,
      );
    }
    if (!/^[A-Z]{3}$/.test(entry.currency)) {
      throw new TollgateError(
        'RATECARD_BAD_ENTRY',
        `${where}: currency '${entry.currency}' is not an ISO 4217 code such as EUR.`,
      );
    }
    for (const date of [entry.effectiveFrom, entry.effectiveTo]) {
      if (date !== undefined && (!DATE.test(date) || Number.isNaN(Date.parse(date)))) {
        throw new TollgateError('RATECARD_BAD_ENTRY', `${where}: '${date}' is not a date; write YYYY-MM-DD.`);
      }
    }
    if (entry.effectiveTo !== undefined && entry.effectiveTo < entry.effectiveFrom) {
      throw new TollgateError(
        'RATECARD_BAD_ENTRY',
        `${where}: effectiveTo ${entry.effectiveTo} is before effectiveFrom ${entry.effectiveFrom}.`,
      );
    }
  }
  const byRole = new Map<string, RateCardEntry[]>();
  for (const entry of card.entries) byRole.set(entry.role, [...(byRole.get(entry.role) ?? []), entry]);
  for (const [role, entries] of byRole) {
    const sorted = [...entries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      if (previous.effectiveTo === undefined || previous.effectiveTo >= current.effectiveFrom) {
        throw new TollgateError(
          'RATECARD_OVERLAP',
          `Role '${role}' has overlapping rates: ${previous.effectiveFrom}..${previous.effectiveTo ?? 'open'} and ` +
            `${current.effectiveFrom}..${current.effectiveTo ?? 'open'}. End the earlier entry the day before the later one starts.`,
        );
      }
    }
  }
  return card;
}

/** The rate of `role` on `date` (YYYY-MM-DD or an ISO timestamp); throws when none applies. */
export function findHourlyRate(card: RateCard, role: string, date: string): RateCardEntry {
  const day = date.slice(0, 10);
  const entry = card.entries.find(
    (candidate) =>
      candidate.role === role &&
      candidate.effectiveFrom <= day &&
      (candidate.effectiveTo === undefined || candidate.effectiveTo >= day),
  );
  if (!entry) {
    throw new TollgateError(
      'RATECARD_NO_RATE',
      `The rate card has no rate for role '${role}' on ${day}; apply a rate card that has one.`,
      'not-found',
    );
  }
  return entry;
}
